-- Departmental subscribers (CONTRACT §5 zoning.feed.{subscriberId}.v1, §6 /api/v1/admin/subscribers).
--
-- Each subscriber has a filter and its own feed topic. When a change appends an event to the outbox, the same
-- transaction appends a copy for every enabled subscriber whose filter selects it (aggregatetype
-- feed:{id}:{stream}, with the feed's own per-key sequence in event_sequence), so a feed loses nothing either.
-- A deleted subscriber is only disabled: its row, its sequences and its topic stay, so that re-enabling it continues
-- the feed where it stopped.
create table subscriber (
    id              text        primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),  -- slug, part of the topic name
    name            text        not null,
    department      text,
    filter          jsonb       not null default '{}'::jsonb,  -- categories, divisionCodes, basins, dimensions, eventTypes
    consumer_group  text,                                      -- the Kafka consumer group whose lag the hub reports
    enabled         boolean     not null default true,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    bootstrapped_at timestamptz                                -- the last bootstrap, null if never
);
