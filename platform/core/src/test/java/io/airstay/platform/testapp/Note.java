package io.airstay.platform.testapp;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "notes", schema = "silver")
public class Note {

    @Id
    public UUID id;

    @Column(name = "note_key")
    public UUID key;

    public String text;
}
