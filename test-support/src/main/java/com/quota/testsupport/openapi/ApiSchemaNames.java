package com.quota.testsupport.openapi;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema names a service's OpenAPI document would give two types of different shapes. springdoc names a schema by
 * the type's simple name (or its {@code @Schema(name)}), so two nested {@code LevelView} records of two controllers
 * share one schema and the document describes one of them wrongly (two records of the same fields are harmless). Walks every request body and answer type reachable from
 * the {@code @RestController}s under a package, through record components, fields, generics and arrays.
 */
public final class ApiSchemaNames {

    private static final String SCHEMA_ANNOTATION = "io.swagger.v3.oas.annotations.media.Schema";

    private ApiSchemaNames() {
    }

    /** Schema name → the types of different shapes that would share it; empty when every name is unique. */
    public static Map<String, Set<String>> collisions(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Map<String, Set<String>> byName = new TreeMap<>();
        Set<Type> seen = new HashSet<>();
        for (var candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> controller = ClassUtils.resolveClassName(candidate.getBeanClassName(), ApiSchemaNames.class.getClassLoader());
            for (Method method : controller.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                walk(method.getGenericReturnType(), basePackage, byName, seen);
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class)) {
                        walk(parameter.getParameterizedType(), basePackage, byName, seen);
                    }
                }
            }
        }
        Map<String, Set<String>> collisions = new TreeMap<>();
        byName.forEach((name, types) -> {
            if (types.stream().map(ApiSchemaNames::shape).distinct().count() > 1) {
                collisions.put(name, types);
            }
        });
        return collisions;
    }

    /** The fields a schema of the type would have: record components or instance fields, with their types. */
    private static String shape(String className) {
        Class<?> cls = ClassUtils.resolveClassName(className, ApiSchemaNames.class.getClassLoader());
        StringBuilder shape = new StringBuilder();
        if (cls.isRecord()) {
            for (RecordComponent component : cls.getRecordComponents()) {
                shape.append(component.getName()).append(':').append(component.getGenericType().getTypeName()).append(';');
            }
        } else {
            for (Field field : cls.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    shape.append(field.getName()).append(':').append(field.getGenericType().getTypeName()).append(';');
                }
            }
        }
        return shape.toString();
    }

    private static void walk(Type type, String basePackage, Map<String, Set<String>> byName, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            walk(parameterized.getRawType(), basePackage, byName, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                walk(argument, basePackage, byName, seen);
            }
        } else if (type instanceof GenericArrayType array) {
            walk(array.getGenericComponentType(), basePackage, byName, seen);
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                walk(bound, basePackage, byName, seen);
            }
        } else if (type instanceof Class<?> cls) {
            if (cls.isArray()) {
                walk(cls.getComponentType(), basePackage, byName, seen);
                return;
            }
            // only the service's own types become schemas of their own (enums are inlined by default)
            if (cls.isPrimitive() || cls.isEnum() || !cls.getName().startsWith(basePackage + ".") && !cls.getName().startsWith("com.quota.")) {
                return;
            }
            byName.computeIfAbsent(schemaName(cls), name -> new TreeSet<>()).add(cls.getName());
            if (cls.isRecord()) {
                for (RecordComponent component : cls.getRecordComponents()) {
                    walk(component.getGenericType(), basePackage, byName, seen);
                }
            } else {
                for (Field field : cls.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        walk(field.getGenericType(), basePackage, byName, seen);
                    }
                }
            }
        }
    }

    private static String schemaName(Class<?> cls) {
        for (Annotation annotation : cls.getAnnotations()) {
            if (annotation.annotationType().getName().equals(SCHEMA_ANNOTATION)) {
                try {
                    Object name = annotation.annotationType().getMethod("name").invoke(annotation);
                    if (name instanceof String text && !text.isBlank()) {
                        return text;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read @Schema(name) of " + cls.getName(), e);
                }
            }
        }
        return cls.getSimpleName();
    }
}
