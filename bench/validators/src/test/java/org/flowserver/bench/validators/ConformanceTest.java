package org.flowserver.bench.validators;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite: every case of {@link Cases} against every candidate. A case a candidate gets wrong is a
 * failed test and a spec it cannot load an aborted one, but the build goes on (surefire testFailureIgnore): the
 * output is the matrix written to results/conformance.md after the last test.
 */
class ConformanceTest {

    static Stream<String> candidates() {
        return Candidates.CONFORMANCE_NAMES.stream();
    }

    @AfterAll
    static void writeMatrix() {
        ConformanceMatrix.write(Path.of(System.getProperty("results.dir", "results")));
    }

    private static void check(String candidate, ConformanceCase c) {
        ConformanceMatrix.Result result = ConformanceMatrix.run(candidate, c);
        switch (result.verdict()) {
            case PASS -> { }
            case NOT_SUPPORTED -> Assumptions.abort(result.reason());
            case FAIL -> fail(candidate + " " + c.id() + ": " + result.reason() + " " + result.violations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void valid_post_accepted(String candidate) {
        check(candidate, Cases.VALID_POST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void valid_get_accepted(String candidate) {
        check(candidate, Cases.VALID_GET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void path_param_valid_accepted(String candidate) {
        check(candidate, Cases.PATH_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void query_required_missing(String candidate) {
        check(candidate, Cases.QUERY_REQUIRED_MISSING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void path_param_wrong_type(String candidate) {
        check(candidate, Cases.PATH_WRONG_TYPE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void query_enum_violation(String candidate) {
        check(candidate, Cases.QUERY_ENUM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_format_date_time(String candidate) {
        check(candidate, Cases.FORMAT_DATE_TIME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_format_uuid(String candidate) {
        check(candidate, Cases.FORMAT_UUID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_format_email(String candidate) {
        check(candidate, Cases.FORMAT_EMAIL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_format_int32_overflow(String candidate) {
        check(candidate, Cases.FORMAT_INT32);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_additional_property_rejected(String candidate) {
        check(candidate, Cases.ADDITIONAL_PROPERTY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_undeclared_property_allowed(String candidate) {
        check(candidate, Cases.UNDECLARED_PROPERTY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_nullable_null_accepted(String candidate) {
        check(candidate, Cases.NULLABLE_NULL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_non_nullable_null_rejected(String candidate) {
        check(candidate, Cases.NON_NULLABLE_NULL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_readonly_required_absent_accepted(String candidate) {
        check(candidate, Cases.READ_ONLY_REQUIRED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_mapping_valid_accepted(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_MAPPING_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_mapping_bad_field_rejected(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_MAPPING_BAD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_implicit_valid_accepted(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_IMPLICIT_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_implicit_bad_field_rejected(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_IMPLICIT_BAD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_unknown_value_rejected(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_UNKNOWN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_overlapping_subtypes_accepted(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_OVERLAPPING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_any_of_bad_field_rejected(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_ANY_OF_BAD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_base_valid_accepted(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_BASE_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void discriminator_base_bad_field_rejected(String candidate) {
        check(candidate, Cases.DISCRIMINATOR_BASE_BAD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void deep_object_valid_accepted(String candidate) {
        check(candidate, Cases.DEEP_OBJECT_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void deep_object_invalid_rejected(String candidate) {
        check(candidate, Cases.DEEP_OBJECT_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void array_explode_valid_accepted(String candidate) {
        check(candidate, Cases.ARRAY_EXPLODE_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void array_explode_invalid_item_rejected(String candidate) {
        check(candidate, Cases.ARRAY_EXPLODE_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void array_no_explode_valid_accepted(String candidate) {
        check(candidate, Cases.ARRAY_FORM_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void array_no_explode_invalid_item_rejected(String candidate) {
        check(candidate, Cases.ARRAY_FORM_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void header_and_cookie_valid_accepted(String candidate) {
        check(candidate, Cases.HEADER_COOKIE_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void header_name_case_insensitive_accepted(String candidate) {
        check(candidate, Cases.HEADER_LOWER_CASE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void header_required_missing(String candidate) {
        check(candidate, Cases.HEADER_MISSING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void header_wrong_type(String candidate) {
        check(candidate, Cases.HEADER_WRONG_TYPE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void cookie_wrong_type(String candidate) {
        check(candidate, Cases.COOKIE_WRONG_TYPE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void body_required_missing(String candidate) {
        check(candidate, Cases.BODY_MISSING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void multiple_violations_together(String candidate) {
        check(candidate, Cases.MULTIPLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void ref_cycle_valid_accepted(String candidate) {
        check(candidate, Cases.CYCLE_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void ref_cycle_invalid_rejected(String candidate) {
        check(candidate, Cases.CYCLE_INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void oas31_valid_accepted(String candidate) {
        check(candidate, Cases.OAS31_VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void oas31_const_rejected(String candidate) {
        check(candidate, Cases.OAS31_CONST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void oas31_type_array_rejected(String candidate) {
        check(candidate, Cases.OAS31_TYPE_ARRAY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void oas31_prefix_items_rejected(String candidate) {
        check(candidate, Cases.OAS31_PREFIX_ITEMS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void oas31_exclusive_minimum_rejected(String candidate) {
        check(candidate, Cases.OAS31_EXCLUSIVE_MINIMUM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void oas31_additional_property_rejected(String candidate) {
        check(candidate, Cases.OAS31_ADDITIONAL_PROPERTY);
    }
}
