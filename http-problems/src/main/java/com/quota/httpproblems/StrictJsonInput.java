package com.quota.httpproblems;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Refuses JSON values of the wrong type that Jackson would otherwise coerce silently: a number for a boolean
 * ({@code "primary": 7} read as {@code true}) and a fraction for an integer ({@code 50.5} read as {@code 50}).
 * Both used to pass validation with a value the caller never sent; now they are a 400 naming the field.
 * Quoted numbers ({@code "12.50"} for an amount) stay accepted: that is how money travels in our API.
 */
final class StrictJsonInput implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }
}
