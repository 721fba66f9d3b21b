-- A filing being submitted is claimed for a lease instead of locked: no row lock is held while the province is asked.
-- The claim expires by itself if the submitting process dies.
alter table dynamic_update add column filing_claimed_until timestamptz;
