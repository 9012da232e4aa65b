package com.quota.messaging.consumer;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import reactor.core.publisher.Mono;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Collects the {@link EventHandler} methods of the application's beans (and handlers registered by code). */
public final class EventHandlerRegistry implements BeanPostProcessor {

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<BatchRegistration> batchRegistrations = new CopyOnWriteArrayList<>();

    /** One handler: which consumer applies which event type of which topic, and how. */
    public record Registration(String consumer, String topic, String eventType, Function<InboundEvent, Mono<Void>> handler,
                               String source) {
    }

    /** One batch handler: which consumer applies which event types of which topic, a poll's new events at a time. */
    public record BatchRegistration(String consumer, String topic, List<String> eventTypes,
                                    Function<List<InboundEvent>, Mono<Void>> handler, String source) {
    }

    /**
     * Registers a handler by code (before the application starts).
     *
     * @param consumer consumer name; empty for the default
     */
    public void register(String consumer, String topic, String eventType, Function<InboundEvent, Mono<Void>> handler) {
        registrations.add(new Registration(consumer, topic, eventType, handler, "registered " + topic + "/" + eventType));
    }

    /** Registers a batch handler by code (before the application starts); see {@link EventBatchHandler}. */
    public void registerBatch(String consumer, String topic, List<String> eventTypes,
                              Function<List<InboundEvent>, Mono<Void>> handler) {
        batchRegistrations.add(new BatchRegistration(consumer, topic, List.copyOf(eventTypes), handler,
                "registered batch " + topic + "/" + eventTypes));
    }

    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    public List<BatchRegistration> batchRegistrations() {
        return List.copyOf(batchRegistrations);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, EventHandler> methods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<EventHandler>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class));
        methods.forEach((method, annotation) -> {
            check(method);
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            ReflectionUtils.makeAccessible(invocable);
            registrations.add(new Registration(annotation.consumer(), annotation.topic(), annotation.eventType(),
                    event -> invoke(bean, invocable, event), type.getName() + "." + method.getName()));
        });
        Map<Method, EventBatchHandler> batchMethods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<EventBatchHandler>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, EventBatchHandler.class));
        batchMethods.forEach((method, annotation) -> {
            checkBatch(method);
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            ReflectionUtils.makeAccessible(invocable);
            batchRegistrations.add(new BatchRegistration(annotation.consumer(), annotation.topic(),
                    List.of(annotation.eventTypes()), events -> invoke(bean, invocable, events),
                    type.getName() + "." + method.getName()));
        });
        return bean;
    }

    private static void checkBatch(Method method) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != List.class
                || !Mono.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException("@EventBatchHandler method " + method.getDeclaringClass().getName() + "."
                    + method.getName() + " must take one List<InboundEvent> and return Mono<Void>");
        }
    }

    private static void check(Method method) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != InboundEvent.class
                || !Mono.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException("@EventHandler method " + method.getDeclaringClass().getName() + "."
                    + method.getName() + " must take one InboundEvent and return Mono<Void>");
        }
    }

    private static Mono<Void> invoke(Object bean, Method method, Object event) {
        try {
            Mono<?> result = (Mono<?>) method.invoke(bean, event);
            return result == null ? Mono.empty() : result.then();
        } catch (InvocationTargetException e) {
            return Mono.error(e.getTargetException());
        } catch (IllegalAccessException e) {
            return Mono.error(new IllegalStateException("cannot call " + method, e));
        }
    }
}
