-- An edition may take effect in the future (the five-yearly adjustment is published before it applies). Its
-- versions are stored at once but announced (events, state) only when their valid-from arrives.
alter table unit_version add column announced boolean not null default true;
alter table rule_version add column announced boolean not null default true;
create index unit_version_unannounced on unit_version (valid_from) where not announced;
create index rule_version_unannounced on rule_version (valid_from) where not announced;
