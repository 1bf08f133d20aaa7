package org.flowserver.bench.validators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flowserver.bench.validators.ConformanceCase.Expected;

/** Every conformance case, in matrix order. */
final class Cases {

    static final String SHOP = "shop-3.0.yaml";
    static final String PETS = "pets-3.0.yaml";
    static final String ITEMS = "items-3.1.yaml";

    private static final List<ConformanceCase> ALL = new ArrayList<>();

    static final String ORDER = """
            {"customerId":"3f6c1d9e-8a2b-4c5d-9e7f-0a1b2c3d4e5f","customerEmail":"ada@example.org",\
            "createdAt":"2026-11-23T10:15:30Z","status":"open","items":[{"sku":"SKU-1","qty":2}],\
            "note":"ring twice","coupon":"WELCOME"}""";

    static final ConformanceCase VALID_POST = accept("valid_post_accepted",
            "valid POST (query + JSON body with formats, enum, array, $ref)", SHOP,
            Request.post("/orders").query("dryRun", "true").json(ORDER).build());
    static final ConformanceCase VALID_GET = accept("valid_get_accepted",
            "valid GET (required integer query, enum query via $ref)", SHOP,
            Request.get("/orders").query("limit", "10").query("status", "shipped").build());
    static final ConformanceCase PATH_VALID = accept("path_param_valid_accepted",
            "path param integer: valid", SHOP, Request.get("/orders/42").build());
    static final ConformanceCase QUERY_REQUIRED_MISSING = reject("query_required_missing",
            "missing required query param", SHOP,
            Request.get("/orders").query("status", "open").build(),
            new Expected("query", "/limit", "limit"));
    static final ConformanceCase PATH_WRONG_TYPE = reject("path_param_wrong_type",
            "path param: wrong type (integer)", SHOP, Request.get("/orders/abc").build(),
            new Expected("path", "/orderId", "orderId"));
    static final ConformanceCase QUERY_ENUM = reject("query_enum_violation",
            "query enum violation", SHOP,
            Request.get("/orders").query("limit", "10").query("status", "lost").build(),
            new Expected("query", "/status", "status"));
    static final ConformanceCase FORMAT_DATE_TIME = reject("body_format_date_time",
            "body format date-time violated", SHOP,
            Request.post("/orders").json(ORDER.replace("2026-11-23T10:15:30Z", "23/11/2026 10:15")).build(),
            new Expected("body", "/createdAt", "createdAt"));
    static final ConformanceCase FORMAT_UUID = reject("body_format_uuid",
            "body format uuid violated", SHOP,
            Request.post("/orders").json(ORDER.replace("3f6c1d9e-8a2b-4c5d-9e7f-0a1b2c3d4e5f", "not-a-uuid")).build(),
            new Expected("body", "/customerId", "customerId"));
    static final ConformanceCase FORMAT_EMAIL = reject("body_format_email",
            "body format email violated", SHOP,
            Request.post("/orders").json(ORDER.replace("ada@example.org", "ada.example.org")).build(),
            new Expected("body", "/customerEmail", "customerEmail"));
    static final ConformanceCase FORMAT_INT32 = reject("body_format_int32_overflow",
            "body format int32: 3000000000 is out of range", SHOP,
            Request.post("/orders").json(ORDER.replace("\"qty\":2", "\"qty\":3000000000")).build(),
            new Expected("body", "/items/0/qty", "qty"));
    static final ConformanceCase ADDITIONAL_PROPERTY = reject("body_additional_property_rejected",
            "additionalProperties: false, extra field", SHOP,
            Request.post("/orders").json(ORDER.replace("\"coupon\"", "\"discount\":5,\"coupon\"")).build(),
            new Expected("body", "/discount", "discount"));
    static final ConformanceCase UNDECLARED_PROPERTY = accept("body_undeclared_property_allowed",
            "extra field where additionalProperties is not given (allowed by default)", SHOP,
            Request.post("/orders").json(ORDER.replace("\"qty\":2", "\"qty\":2,\"color\":\"red\"")).build());
    static final ConformanceCase NULLABLE_NULL = accept("body_nullable_null_accepted",
            "nullable: true field given null", SHOP,
            Request.post("/orders").json(ORDER.replace("\"ring twice\"", "null")).build());
    static final ConformanceCase NON_NULLABLE_NULL = reject("body_non_nullable_null_rejected",
            "non-nullable field given null", SHOP,
            Request.post("/orders").json(ORDER.replace("\"WELCOME\"", "null")).build(),
            new Expected("body", "/coupon", "coupon"));
    static final ConformanceCase READ_ONLY_REQUIRED = accept("body_readonly_required_absent_accepted",
            "readOnly + required property absent from request", SHOP,
            Request.post("/accounts").json("{\"name\":\"Ada\"}").build());
    static final ConformanceCase DISCRIMINATOR_MAPPING_VALID = accept("discriminator_mapping_valid_accepted",
            "oneOf(allOf) + discriminator WITH mapping: valid", PETS,
            Request.post("/pets-mapped").json("{\"petType\":\"dog\",\"name\":\"Rex\",\"packSize\":3}").build());
    static final ConformanceCase DISCRIMINATOR_MAPPING_BAD = named("discriminator_mapping_bad_field_rejected",
            "oneOf(allOf) + discriminator WITH mapping: bad field named", PETS,
            Request.post("/pets-mapped").json("{\"petType\":\"dog\",\"name\":\"Rex\",\"packSize\":\"many\"}").build(),
            new Expected("body", "/packSize", "packSize"));
    static final ConformanceCase DISCRIMINATOR_IMPLICIT_VALID = accept("discriminator_implicit_valid_accepted",
            "oneOf(allOf) + discriminator WITHOUT mapping: valid", PETS,
            Request.post("/pets").json("{\"petType\":\"Dog\",\"name\":\"Rex\",\"packSize\":3}").build());
    static final ConformanceCase DISCRIMINATOR_IMPLICIT_BAD = named("discriminator_implicit_bad_field_rejected",
            "oneOf(allOf) + discriminator WITHOUT mapping: bad field named", PETS,
            Request.post("/pets").json("{\"petType\":\"Dog\",\"name\":\"Rex\",\"packSize\":\"many\"}").build(),
            new Expected("body", "/packSize", "packSize"));
    static final ConformanceCase DISCRIMINATOR_UNKNOWN = reject("discriminator_unknown_value_rejected",
            "oneOf + discriminator WITH mapping: unknown discriminator value", PETS,
            Request.post("/pets-mapped").json("{\"petType\":\"cow\",\"name\":\"Bessie\"}").build(),
            new Expected("body", "/petType", "discriminator"));
    static final ConformanceCase DISCRIMINATOR_OVERLAPPING = accept("discriminator_overlapping_subtypes_accepted",
            "oneOf + discriminator, subtypes that both match the payload (no distinct required field): valid", PETS,
            Request.post("/shapes").json("{\"shapeType\":\"Circle\",\"radius\":2}").build());
    static final ConformanceCase DISCRIMINATOR_ANY_OF_BAD = named("discriminator_any_of_bad_field_rejected",
            "anyOf + discriminator on the parent: bad field of the chosen subtype named", PETS,
            Request.post("/vehicles").json("{\"vehicleType\":\"car\",\"seats\":\"four\"}").build(),
            new Expected("body", "/seats", "seats"));
    static final ConformanceCase DISCRIMINATOR_BASE_VALID = accept("discriminator_base_valid_accepted",
            "allOf inheritance, body = base schema with discriminator + mapping: valid subtype", PETS,
            Request.post("/animals").json("{\"kind\":\"bird\",\"name\":\"Tweety\",\"wingspan\":0.2}").build());
    static final ConformanceCase DISCRIMINATOR_BASE_BAD = named("discriminator_base_bad_field_rejected",
            "allOf inheritance, body = base schema: subtype's bad field named", PETS,
            Request.post("/animals").json("{\"kind\":\"bird\",\"name\":\"Tweety\",\"wingspan\":\"wide\"}").build(),
            new Expected("body", "/wingspan", "wingspan"));
    static final ConformanceCase DEEP_OBJECT_VALID = accept("deep_object_valid_accepted",
            "deepObject query filter[status]=open&filter[limit]=5", SHOP,
            Request.get("/search").query("filter[status]", "open").query("filter[limit]", "5").build());
    static final ConformanceCase DEEP_OBJECT_INVALID = reject("deep_object_invalid_rejected",
            "deepObject query with non-integer limit", SHOP,
            Request.get("/search").query("filter[status]", "open").query("filter[limit]", "five").build(),
            new Expected("query", "/filter/limit", "limit"));
    static final ConformanceCase ARRAY_EXPLODE_VALID = accept("array_explode_valid_accepted",
            "array query explode=true tag=1&tag=2 (integer items)", SHOP,
            Request.get("/search").query("tag", "1", "2").build());
    static final ConformanceCase ARRAY_EXPLODE_INVALID = reject("array_explode_invalid_item_rejected",
            "array query explode=true tag=1&tag=x", SHOP,
            Request.get("/search").query("tag", "1", "x").build(),
            new Expected("query", "/tag/1", "tag"));
    static final ConformanceCase ARRAY_FORM_VALID = accept("array_no_explode_valid_accepted",
            "array query explode=false tags=1,2 (integer items)", SHOP,
            Request.get("/search").query("tags", "1,2").build());
    static final ConformanceCase ARRAY_FORM_INVALID = reject("array_no_explode_invalid_item_rejected",
            "array query explode=false tags=1,x", SHOP,
            Request.get("/search").query("tags", "1,x").build(),
            new Expected("query", "/tags/1", "tags"));
    static final ConformanceCase HEADER_COOKIE_VALID = accept("header_and_cookie_valid_accepted",
            "required integer header + integer cookie: valid", SHOP,
            Request.get("/profile").header("X-Api-Version", "2").cookie("visits", "3").build());
    static final ConformanceCase HEADER_LOWER_CASE = accept("header_name_case_insensitive_accepted",
            "header sent in lower case (as HTTP/2 does): x-api-version", SHOP,
            Request.get("/profile").header("x-api-version", "2").build());
    static final ConformanceCase HEADER_MISSING = reject("header_required_missing",
            "required header missing", SHOP,
            Request.get("/profile").cookie("visits", "3").build(),
            new Expected("header", "/X-Api-Version", "X-Api-Version"));
    static final ConformanceCase HEADER_WRONG_TYPE = reject("header_wrong_type",
            "header of wrong type (integer)", SHOP,
            Request.get("/profile").header("X-Api-Version", "two").build(),
            new Expected("header", "/X-Api-Version", "X-Api-Version"));
    static final ConformanceCase COOKIE_WRONG_TYPE = reject("cookie_wrong_type",
            "cookie of wrong type (integer)", SHOP,
            Request.get("/profile").header("X-Api-Version", "2").cookie("visits", "many").build(),
            new Expected("cookie", "/visits", "visits"));
    static final ConformanceCase BODY_MISSING = reject("body_required_missing",
            "required request body missing", SHOP,
            Request.post("/orders").build(),
            new Expected("body", "", "body"));
    static final ConformanceCase MULTIPLE = named("multiple_violations_together",
            "bad query AND two bad body fields, all reported at once", SHOP,
            Request.post("/orders").query("dryRun", "maybe")
                    .json(ORDER.replace("ada@example.org", "ada.example.org").replace("\"qty\":2", "\"qty\":0")).build(),
            new Expected("query", "/dryRun", "dryRun"),
            new Expected("body", "/customerEmail", "customerEmail"),
            new Expected("body", "/items/0/qty", "qty"));
    static final ConformanceCase CYCLE_VALID = accept("ref_cycle_valid_accepted",
            "$ref cycle (tree node -> children -> tree node): valid tree", SHOP,
            Request.post("/trees").json("{\"value\":\"a\",\"children\":[{\"value\":\"b\",\"children\":"
                    + "[{\"value\":\"c\"},{\"value\":\"d\",\"children\":[]}]}]}").build());
    static final ConformanceCase CYCLE_INVALID = reject("ref_cycle_invalid_rejected",
            "$ref cycle: wrong type two levels down", SHOP,
            Request.post("/trees").json("{\"value\":\"a\",\"children\":[{\"value\":\"b\",\"children\":"
                    + "[{\"value\":\"c\"},{\"value\":5}]}]}").build(),
            new Expected("body", "/children/0/children/1/value", "value"));

    static final String ITEM = "{\"kind\":\"item\",\"name\":null,\"position\":[1.5,2],\"qty\":1}";

    static final ConformanceCase OAS31_VALID = accept("oas31_valid_accepted",
            "3.1: valid body (type [string,null] given null, const, prefixItems)", ITEMS,
            Request.post("/items").json(ITEM).build());
    static final ConformanceCase OAS31_CONST = named("oas31_const_rejected",
            "3.1: const violated", ITEMS,
            Request.post("/items").json(ITEM.replace("\"item\"", "\"thing\"")).build(),
            new Expected("body", "/kind", "kind"));
    static final ConformanceCase OAS31_TYPE_ARRAY = named("oas31_type_array_rejected",
            "3.1: type [string,null] given a number", ITEMS,
            Request.post("/items").json(ITEM.replace("\"name\":null", "\"name\":5")).build(),
            new Expected("body", "/name", "name"));
    static final ConformanceCase OAS31_PREFIX_ITEMS = named("oas31_prefix_items_rejected",
            "3.1: prefixItems item of wrong type", ITEMS,
            Request.post("/items").json(ITEM.replace("[1.5,2]", "[\"x\",2]")).build(),
            new Expected("body", "/position/0", "position"));
    static final ConformanceCase OAS31_EXCLUSIVE_MINIMUM = named("oas31_exclusive_minimum_rejected",
            "3.1: numeric exclusiveMinimum violated", ITEMS,
            Request.post("/items").json(ITEM.replace("\"qty\":1", "\"qty\":0")).build(),
            new Expected("body", "/qty", "qty"));

    static final ConformanceCase OAS31_ADDITIONAL_PROPERTY = named("oas31_additional_property_rejected",
            "3.1: additionalProperties: false, extra field", ITEMS,
            Request.post("/items").json(ITEM.replace("\"qty\":1", "\"qty\":1,\"extra\":true")).build(),
            new Expected("body", "/extra", "extra"));

    private Cases() {
    }

    static List<ConformanceCase> all() {
        return Collections.unmodifiableList(ALL);
    }

    private static ConformanceCase accept(String id, String title, String spec, Request request) {
        return add(new ConformanceCase(id, title, spec, request, List.of(), false));
    }

    private static ConformanceCase reject(String id, String title, String spec, Request request, Expected... expected) {
        return add(new ConformanceCase(id, title, spec, request, List.of(expected), false));
    }

    private static ConformanceCase named(String id, String title, String spec, Request request, Expected... expected) {
        return add(new ConformanceCase(id, title, spec, request, List.of(expected), true));
    }

    private static ConformanceCase add(ConformanceCase conformanceCase) {
        ALL.add(conformanceCase);
        return conformanceCase;
    }
}
