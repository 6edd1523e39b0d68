package io.idaas.ddml.types;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

import java.util.Arrays;
import java.util.List;

/**
 * A geometry's GeoJSON object (RFC 7946 geometry: {@code type} and {@code coordinates}, or {@code geometries} for a
 * collection) as BSON, both ways, for the values where the two are the same geometry bit for bit: two-dimensional,
 * non-empty, finite, in little-endian ISO WKB without an embedded SRID, which is what MariaDB and MySQL hand out. The
 * WKB is read and written with JTS; {@link #toWkb} of {@link #fromWkb}'s document gives the same bytes back.
 */
public final class GeoJson {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private GeoJson() {
    }

    /** The GeoJSON object of the WKB, or null when it would not give these bytes back (BsonValues keeps the WKB then). */
    public static BsonDocument fromWkb(byte[] wkb) {
        if (wkb.length < 5 || wkb[0] != 1) { // the WKB byte order flag: 1 is little-endian (NDR)
            return null;
        }
        Geometry geometry;
        try {
            geometry = new WKBReader(FACTORY).read(wkb);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
        if (!representable(geometry)) {
            return null;
        }
        BsonDocument document = document(geometry);
        if (!Arrays.equals(wkb(geometry), wkb)) {
            return null;
        }
        return document;
    }

    /**
     * The little-endian WKB of a GeoJSON geometry object as {@link #fromWkb} writes it.
     *
     * @throws IllegalArgumentException when the document is not such an object
     */
    public static byte[] toWkb(BsonDocument document) {
        return wkb(geometry(document));
    }

    private static byte[] wkb(Geometry geometry) {
        return new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, false).write(geometry);
    }

    private static boolean representable(Geometry g) {
        if (g.isEmpty() || g.getSRID() != 0) {
            return false;
        }
        if (g instanceof GeometryCollection c) {
            for (int i = 0; i < c.getNumGeometries(); i++) {
                if (!representable(c.getGeometryN(i))) {
                    return false;
                }
            }
            return true;
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                return false;
            }
        }
        return true;
    }

    private static BsonDocument document(Geometry g) {
        BsonDocument d = new BsonDocument("type", new BsonString(g.getGeometryType()));
        if (g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon
            || !(g instanceof GeometryCollection)) {
            return d.append("coordinates", coordinates(g));
        }
        BsonArray geometries = new BsonArray();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            geometries.add(document(g.getGeometryN(i)));
        }
        return d.append("geometries", geometries);
    }

    private static BsonValue coordinates(Geometry g) {
        if (g instanceof Point p) {
            return position(p.getCoordinate());
        }
        if (g instanceof LineString l) {
            return positions(l.getCoordinateSequence());
        }
        if (g instanceof Polygon p) {
            BsonArray rings = new BsonArray();
            rings.add(positions(p.getExteriorRing().getCoordinateSequence()));
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                rings.add(positions(p.getInteriorRingN(i).getCoordinateSequence()));
            }
            return rings;
        }
        BsonArray parts = new BsonArray();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            parts.add(coordinates(g.getGeometryN(i)));
        }
        return parts;
    }

    private static BsonArray position(Coordinate c) {
        return new BsonArray(List.of(new BsonDouble(c.x), new BsonDouble(c.y)));
    }

    private static BsonArray positions(CoordinateSequence s) {
        BsonArray a = new BsonArray();
        for (int i = 0; i < s.size(); i++) {
            a.add(position(s.getCoordinate(i)));
        }
        return a;
    }

    private static Geometry geometry(BsonDocument d) {
        String type = d.getString("type").getValue();
        if (type.equals("GeometryCollection")) {
            BsonArray parts = d.getArray("geometries");
            Geometry[] geometries = new Geometry[parts.size()];
            for (int i = 0; i < geometries.length; i++) {
                geometries[i] = geometry(parts.get(i).asDocument());
            }
            return FACTORY.createGeometryCollection(geometries);
        }
        BsonArray c = d.getArray("coordinates");
        return switch (type) {
            case "Point" -> FACTORY.createPoint(coordinate(c));
            case "LineString" -> FACTORY.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPoint" -> FACTORY.createMultiPoint(c.stream().map(p -> FACTORY.createPoint(coordinate(p.asArray())))
                .toArray(Point[]::new));
            case "MultiLineString" -> FACTORY.createMultiLineString(c.stream()
                .map(l -> FACTORY.createLineString(coordinates(l.asArray()))).toArray(LineString[]::new));
            case "MultiPolygon" -> FACTORY.createMultiPolygon(c.stream().map(p -> polygon(p.asArray()))
                .toArray(Polygon[]::new));
            default -> throw new IllegalArgumentException("not a GeoJSON geometry type: " + type);
        };
    }

    private static Polygon polygon(BsonArray rings) {
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0).asArray()));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = FACTORY.createLinearRing(coordinates(rings.get(i).asArray()));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(BsonArray positions) {
        return positions.stream().map(p -> coordinate(p.asArray())).toArray(Coordinate[]::new);
    }

    private static Coordinate coordinate(BsonArray position) {
        if (position.size() != 2) {
            throw new IllegalArgumentException("a GeoJSON position of " + position.size() + " numbers; idaas writes two");
        }
        return new Coordinate(position.get(0).asDouble().getValue(), position.get(1).asDouble().getValue());
    }
}
