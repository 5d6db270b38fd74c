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
import io.airstay.platform.problem.AccessDeniedException;
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

    /** Publishes a listing of {@code host}, the caller: a body naming another host is refused. */
    @Transactional
    public PropertyDetail create(PropertyRequest request, UUID host) {
        requireNoOtherHost(request, host);
        checkNightsRange(request);
        Property property = new Property();
        property.id = UUID.randomUUID();
        PropertyMapper.apply(request, property);
        property.hostId = host;
        property.createdAt = Instant.now();
        property.updatedAt = property.createdAt;
        properties.persistAndFlush(property);
        announce(PropertyTopic.CREATED, property);
        cache.propertyChanged(property, null);
        return PropertyMapper.toDetail(property);
    }

    @Transactional
    public PropertyDetail replace(UUID id, PropertyRequest request, UUID host) {
        requireNoOtherHost(request, host);
        checkNightsRange(request);
        Property property = ownedForUpdate(id, host);
        String previousCity = property.city;
        PropertyMapper.apply(request, property);
        property.hostId = host;
        return updated(property, previousCity);
    }

    /** Merges a partial document onto the listing (JSON merge patch) and validates the result as a whole. */
    @Transactional
    public PropertyDetail patch(UUID id, ObjectNode changes, UUID host) {
        Property property = ownedForUpdate(id, host);
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
        requireNoOtherHost(request, host);
        checkNightsRange(request);
        String previousCity = property.city;
        PropertyMapper.apply(request, property);
        return updated(property, previousCity);
    }

    /** Deactivation hides the listing from search and detail and stops new bookings; history stays. */
    @Transactional
    public void deactivate(UUID id, UUID host) {
        Property property = ownedForUpdate(id, host);
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

    /** The active listing, locked until the transaction ends, if {@code host} hosts it; another host's is refused. */
    private Property ownedForUpdate(UUID id, UUID host) {
        Property property = properties.findForUpdate(id)
                .filter(found -> found.active)
                .orElseThrow(() -> new ResourceNotFoundException("Property " + id + " not found"));
        if (!host.equals(property.hostId)) {
            throw new AccessDeniedException("Property " + id + " is another host's listing");
        }
        return property;
    }

    /** A host writes their own listings: host_id may be left out, or name the caller. */
    private static void requireNoOtherHost(PropertyRequest request, UUID host) {
        if (request.hostId() != null && !request.hostId().equals(host)) {
            throw new AccessDeniedException("host_id names another user: a host publishes and changes their own listings");
        }
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
