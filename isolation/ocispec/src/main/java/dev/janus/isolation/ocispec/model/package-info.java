/**
 * OCI runtime-spec 1.0.2 as Java records, serialised with Jackson by {@link
 * dev.janus.isolation.ocispec.model.OciJson}. Components carry the spec's JSON key names; empty
 * and null values are left out (runc reads absence, not emptiness), except capability sets,
 * where an empty list means "none". Only the parts Janus writes are modelled.
 */
package dev.janus.isolation.ocispec.model;
