/**
 * The Confluent Schema Registry, seen from idaas: a REST client ({@link io.idaas.registry.SchemaRegistryClient}),
 * the Confluent wire format ({@link io.idaas.registry.ConfluentWireFormat}) and the subject naming strategies
 * ({@link io.idaas.registry.SubjectNameStrategy}). Confluent's own client and serializers are not on Maven Central,
 * so idaas carries these.
 */
package io.idaas.registry;
