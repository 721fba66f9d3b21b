-- Department credentials (role READER): one generated key each, sent as X-Api-Key or as the password of HTTP Basic
-- with the credential's username. Only a SHA-256 of the key is kept (the key is 256 random bits, shown once);
-- key_prefix is the key's public head, by which a presented key is looked up. A revoked credential stays, with who
-- revoked it and when, and is refused from that moment (every request reads this table; nothing is cached).
create table credential (
    id             uuid        primary key,
    username       text        not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    name           text        not null,
    department     text,
    subscriber_id  text        references subscriber (id),
    role           text        not null default 'READER' check (role in ('READER')),
    key_prefix     text        not null unique,
    key_hash       text        not null,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    rotated_at     timestamptz,
    revoked_at     timestamptz,
    revoked_by     text,
    last_used_at   timestamptz
);
