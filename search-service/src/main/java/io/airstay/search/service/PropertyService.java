package io.airstay.search.service;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.airstay.contracts.property.PropertyTopic;
import io.airstay.platform.events.EventCodec;
import io.airstay.platform.events.EventEnvelope;
import io.airstay.platform.outbox.Outbox;
import io.airstay.platform.problem.InvalidFieldException;
import io.airstay.platform.problem.ResourceNotFoundException;
import io.airstay.search.mapping.PropertyMapper;
import io.airstay.search.model.Property;
import io.airstay.search.repository.PropertyRepository;
import io.airstay.search.rest.dto.PropertyDetail;
import io.airstay.search.rest.dto.PropertyRequest;

/** Hosts' changes to listings: each commits with the event announcing it, then refreshes the cache. */
@ApplicationScoped
public class PropertyService {

    static final String SOURCE = "search-service";

    private final PropertyRepository properties;
    private final Outbox outbox;
    private final EventCodec codec;
    private final PropertyCache cache;
    private final ObjectMapper mapper;
    private final Validator validator;

    public PropertyService(PropertyRepository properties, Outbox outbox, EventCodec codec, PropertyCache cache,
            ObjectMapper mapper, Validator validator) {
        this.properties = properties;
        this.outbox = outbox;
        this.codec = codec;
        this.cache = cache;
        this.mapper = mapper;
        this.validator = validator;
    }

    @Transactional
    public PropertyDetail create(PropertyRequest request) {
        checkNightsRange(request);
        Property property = new Property();
        property.id = UUID.randomUUID();
        PropertyMapper.apply(request, property);
        property.createdAt = Instant.now();
        property.updatedAt = property.createdAt;
        properties.persistAndFlush(property);
        announce(PropertyTopic.CREATED, property);
        cache.propertyChanged(property, null);
        return PropertyMapper.toDetail(property);
    }

    @Transactional
    public PropertyDetail replace(UUID id, PropertyRequest request) {
        checkNightsRange(request);
        Property property = activeForUpdate(id);
        String previousCity = property.city;
        PropertyMapper.apply(request, property);
        return updated(property, previousCity);
    }

    /** Merges a partial document onto the listing (JSON merge patch) and validates the result as a whole. */
    @Transactional
    public PropertyDetail patch(UUID id, ObjectNode changes) {
        Property property = activeForUpdate(id);
        ObjectNode merged = mapper.valueToTree(PropertyMapper.toRequest(property));
        for (Iterator<Map.Entry<String, JsonNode>> fields = changes.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!merged.has(field.getKey())) {
                throw new InvalidFieldException(field.getKey(), "is not a listing field");
            }
            merged.set(field.getKey(), field.getValue());
        }
        PropertyRequest request;
        try {
            request = mapper.treeToValue(merged, PropertyRequest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getFieldName();
            throw new InvalidFieldException(field, "has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "is not a listing document");
        }
        Set<ConstraintViolation<PropertyRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        checkNightsRange(request);
        String previousCity = property.city;
        PropertyMapper.apply(request, property);
        return updated(property, previousCity);
    }

    /** Deactivation hides the listing from search and detail and stops new bookings; history stays. */
    @Transactional
    public void deactivate(UUID id) {
        Property property = activeForUpdate(id);
        property.active = false;
        property.updatedAt = Instant.now();
        properties.flush();
        announce(PropertyTopic.DEACTIVATED, property);
        cache.propertyChanged(property, null);
    }

    private PropertyDetail updated(Property property, String previousCity) {
        property.updatedAt = Instant.now();
        properties.flush();
        announce(PropertyTopic.UPDATED, property);
        cache.propertyChanged(property, previousCity);
        return PropertyMapper.toDetail(property);
    }

    private Property activeForUpdate(UUID id) {
        return properties.findForUpdate(id)
                .filter(property -> property.active)
                .orElseThrow(() -> new ResourceNotFoundException("Property " + id + " not found"));
    }

    private void announce(String eventType, Property property) {
        outbox.publish(PropertyTopic.NAME, EventEnvelope.create(eventType, property.id, property.hostId,
                codec.toPayload(PropertyMapper.toFacts(property)), SOURCE));
    }

    private static void checkNightsRange(PropertyRequest request) {
        int minimum = request.minimumNights() == null ? 1 : request.minimumNights();
        int maximum = request.maximumNights() == null ? 365 : request.maximumNights();
        if (minimum > maximum) {
            throw new InvalidFieldException("minimum_nights", "must not exceed maximum_nights (" + maximum + ")");
        }
    }
}
