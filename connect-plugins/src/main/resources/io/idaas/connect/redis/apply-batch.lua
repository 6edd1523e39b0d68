-- The idaas Redis sink's one script: applies a batch of row changes, DDL, applied positions and partition offsets in
-- one atomic step (RedisBatch builds ARGV; connect-plugins/README.md describes the layout). It reads and checks before
-- its first write of each change, and every value was encoded by the sink, so no command fails half-way through.
-- Positions are compared byte by byte (Lua's own < uses the server's collation locale).
--
-- ARGV: a list of operations, each an opcode followed by its arguments:
--   R rowKey keySet tombKey truncKey indexRegistry sortable shape(h|j) replace(1|0) ttlKind(-|E|A|P) ttlValue
--     nSet [field value]... nDel [field]... doc nIdx [field setPrefix newKind(1|0|K) newValue]...
--   D rowKey keySet tombKey truncKey sortable tombTtl nIdx [field setPrefix]...
--   T keySet truncKey indexRegistry sortable nIdx [field setPrefix]...
--   C keySet sortable kind(drop|rename) from to
--   J rowKey sha1 doc            (a JSON row rewritten by DDL: set only when it still holds what the sink read)
--   F appliedKey sortable offsetsKey nEnds [field endOffset]...   (applied raised when every offset reached its end)
--   O offsetsKey field value
-- Returns {rows written or deleted, changes skipped by the position guard, applied positions raised}.

local argv = ARGV
local n = #argv
local i = 1
local written, skipped, raised = 0, 0, 0

local function take()
  local v = argv[i]
  i = i + 1
  return v
end

-- Whether position a is after position b (b false: nothing stored).
local function after(a, b)
  if not b then return true end
  if not a then return false end
  if a == b then return false end
  local la, lb = #a, #b
  local m = la < lb and la or lb
  for p = 1, m do
    local x, y = string.byte(a, p), string.byte(b, p)
    if x ~= y then return x > y end
  end
  return la > lb
end

local function newest(a, b)
  if after(a, b) then return a end
  return b
end

-- The stored row's position and type ('hash', 'string' or 'none').
local function stored(key)
  local t = redis.call('TYPE', key)['ok']
  if t == 'hash' then
    return redis.call('HGET', key, '_ddml.sortable'), t
  elseif t == 'string' then
    local head = redis.call('GETRANGE', key, 0, 255)
    return string.match(head, '^{"_ddml":{"sortable":"([^"]*)"') or false, t
  end
  return false, t
end

-- The indexed value a stored row holds for field (false when none).
local function indexed(key, t, field, doc)
  if t == 'hash' then
    return redis.call('HGET', key, field)
  elseif t == 'string' then
    if doc == nil then
      local ok, decoded = pcall(cjson.decode, redis.call('GET', key))
      doc = ok and decoded or false
    end
    if doc and type(doc['_ddml']) == 'table' and type(doc['_ddml']['index']) == 'table' then
      local v = doc['_ddml']['index'][field]
      if type(v) == 'string' then return v, doc end
    end
    return false, doc
  end
  return false, doc
end

-- Takes a row out of its index sets.
local function unindex(key, t, pairs_)
  local doc = nil
  for _, p in ipairs(pairs_) do
    local old
    old, doc = indexed(key, t, p[1], doc)
    if old then redis.call('SREM', p[2] .. old, key) end
  end
end

-- The tables' truncate positions, read once per call (a T operation updates its entry).
local truncs = {}
local function truncatedAt(key)
  local v = truncs[key]
  if v == nil then
    v = redis.call('GET', key)
    truncs[key] = v
  end
  return v
end

-- The newest of what stops a change of a row: its own position, its tombstone, its table's truncate. A row and its
-- tombstone never both exist (a write deletes the tombstone, a delete the row), so the tombstone is read only when the
-- row is absent.
local function floorOf(cur, t, tombKey, truncKey)
  local floor = cur
  if t == 'none' then floor = newest(floor, redis.call('GET', tombKey)) end
  return newest(floor, truncatedAt(truncKey))
end

local function hsetAll(key, fields)
  local chunk = {}
  for k = 1, #fields do
    chunk[#chunk + 1] = fields[k]
    if #chunk == 200 then
      redis.call('HSET', key, unpack(chunk))
      chunk = {}
    end
  end
  if #chunk > 0 then redis.call('HSET', key, unpack(chunk)) end
end

while i <= n do
  local op = take()
  if op == 'R' then
    local rowKey, keySet, tombKey, truncKey, registry = argv[i], argv[i + 1], argv[i + 2], argv[i + 3], argv[i + 4]
    local sortable, shape, replace, ttlKind, ttlValue = argv[i + 5], argv[i + 6], argv[i + 7], argv[i + 8], argv[i + 9]
    i = i + 10
    local fields = {}
    for _ = 1, tonumber(take()) * 2 do fields[#fields + 1] = take() end
    local dels = {}
    for _ = 1, tonumber(take()) do dels[#dels + 1] = take() end
    local doc = take()
    local idx = {}
    for _ = 1, tonumber(take()) do
      idx[#idx + 1] = {argv[i], argv[i + 1], argv[i + 2], argv[i + 3]}
      i = i + 4
    end

    local cur, t = stored(rowKey)
    local existed = t ~= 'none'
    if not after(sortable, floorOf(cur, t, tombKey, truncKey)) then
      skipped = skipped + 1
    else
      -- index values before the write
      local olds = {}
      local cached = nil
      for k, p in ipairs(idx) do
        if p[3] ~= 'K' then olds[k], cached = indexed(rowKey, t, p[1], cached) end
      end
      if (shape == 'h' and t ~= 'hash' and t ~= 'none') or (shape == 'j' and t ~= 'string' and t ~= 'none') then
        redis.call('DEL', rowKey) -- the table's shape changed
        t = 'none'
      end
      if shape == 'h' then
        if replace == '1' and t ~= 'none' then redis.call('DEL', rowKey) end
        hsetAll(rowKey, fields)
        if #dels > 0 then redis.call('HDEL', rowKey, unpack(dels)) end
      else
        redis.call('SET', rowKey, doc)
      end
      if ttlKind == 'E' then
        redis.call('EXPIRE', rowKey, ttlValue)
      elseif ttlKind == 'A' then
        redis.call('PEXPIREAT', rowKey, ttlValue)
      elseif ttlKind == 'P' then
        redis.call('PERSIST', rowKey)
      end
      redis.call('SADD', keySet, rowKey)
      if not existed then redis.call('DEL', tombKey) end
      for k, p in ipairs(idx) do
        if p[3] ~= 'K' then
          local old = olds[k]
          local new = (p[3] == '1') and p[4] or false
          if old and old ~= new then redis.call('SREM', p[2] .. old, rowKey) end
          if new then
            redis.call('SADD', p[2] .. new, rowKey)
            redis.call('SADD', registry, p[2] .. new)
          end
        end
      end
      written = written + 1
    end
  elseif op == 'D' then
    local rowKey, keySet, tombKey, truncKey, sortable, tombTtl = argv[i], argv[i + 1], argv[i + 2], argv[i + 3], argv[i + 4], argv[i + 5]
    i = i + 6
    local idx = {}
    for _ = 1, tonumber(take()) do
      idx[#idx + 1] = {argv[i], argv[i + 1]}
      i = i + 2
    end
    local cur, t = stored(rowKey)
    if not after(sortable, floorOf(cur, t, tombKey, truncKey)) then
      skipped = skipped + 1
    else
      unindex(rowKey, t, idx)
      redis.call('DEL', rowKey)
      redis.call('SREM', keySet, rowKey)
      if tonumber(tombTtl) > 0 then
        redis.call('SET', tombKey, sortable, 'EX', tombTtl)
      else
        redis.call('SET', tombKey, sortable)
      end
      written = written + 1
    end
  elseif op == 'T' then
    local keySet, truncKey, registry, sortable = argv[i], argv[i + 1], argv[i + 2], argv[i + 3]
    i = i + 4
    local idx = {}
    for _ = 1, tonumber(take()) do
      idx[#idx + 1] = {argv[i], argv[i + 1]}
      i = i + 2
    end
    if not after(sortable, truncatedAt(truncKey)) then
      skipped = skipped + 1
    else
      for _, rowKey in ipairs(redis.call('SMEMBERS', keySet)) do
        local cur, t = stored(rowKey)
        if not after(cur, sortable) then
          -- written before the truncate (or expired): gone
          unindex(rowKey, t, idx)
          redis.call('DEL', rowKey)
          redis.call('SREM', keySet, rowKey)
          written = written + 1
        end
      end
      for _, setKey in ipairs(redis.call('SMEMBERS', registry)) do
        if redis.call('EXISTS', setKey) == 0 then redis.call('SREM', registry, setKey) end
      end
      redis.call('SET', truncKey, sortable)
      truncs[truncKey] = sortable
    end
  elseif op == 'C' then
    local keySet, sortable, kind, from, to = argv[i], argv[i + 1], argv[i + 2], argv[i + 3], argv[i + 4]
    i = i + 5
    for _, rowKey in ipairs(redis.call('SMEMBERS', keySet)) do
      local cur, t = stored(rowKey)
      if t == 'hash' and after(sortable, cur) then
        if kind == 'rename' then
          local v = redis.call('HGET', rowKey, from)
          if v then
            redis.call('HSET', rowKey, to, v)
            redis.call('HDEL', rowKey, from)
          end
        else
          redis.call('HDEL', rowKey, from)
        end
      end
    end
  elseif op == 'J' then
    local rowKey, sha, doc = argv[i], argv[i + 1], argv[i + 2]
    i = i + 3
    if redis.call('TYPE', rowKey)['ok'] == 'string' and redis.sha1hex(redis.call('GET', rowKey)) == sha then
      redis.call('SET', rowKey, doc, 'KEEPTTL')
      written = written + 1
    else
      skipped = skipped + 1
    end
  elseif op == 'F' then
    -- a position becomes the source's applied position once every partition of the sink's topics is applied up to
    -- the end offset read after that position was applied (AppliedFrontier)
    local key, sortable, offsetsKey, nEnds = argv[i], argv[i + 1], argv[i + 2], tonumber(argv[i + 3])
    i = i + 4
    local reached = true
    for _ = 1, nEnds do
      local field, endOffset = take(), tonumber(take())
      if reached and tonumber(redis.call('HGET', offsetsKey, field) or '0') < endOffset then reached = false end
    end
    if reached then
      if after(sortable, redis.call('GET', key)) then redis.call('SET', key, sortable) end
      raised = raised + 1
    end
  elseif op == 'O' then
    local key, field, value = argv[i], argv[i + 1], argv[i + 2]
    i = i + 3
    redis.call('HSET', key, field, value)
  else
    return redis.error_reply('idaas: unknown operation ' .. tostring(op) .. ' at argument ' .. (i - 1))
  end
end
return {written, skipped, raised}
