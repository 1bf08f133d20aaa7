package org.flowserver.dsl;

/** How an incoming entity is turned into the payload, overriding the content-type rules of the source. */
public enum EntityFormat {
    /** Parse the entity as JSON into objects, arrays and values. */
    JSON,
    /** Decode the entity to a string. */
    TEXT,
    /** Keep the entity as bytes. */
    BINARY
}
