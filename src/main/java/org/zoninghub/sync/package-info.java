/**
 * Everything that brings changes in: the provincial pull ({@link org.zoninghub.sync.ProvincialSync}, {@link
 * org.zoninghub.sync.ProvincialClient}, {@link org.zoninghub.sync.ProvincialMapper}), file imports ({@code
 * sync.files}: readers mapping files to deliveries; {@code sync.imports}: inbox and uploads), local dynamic updates
 * and their filing (备案, {@code sync.filing}), and the one path every delivery takes: validate, plan against the
 * store ({@link org.zoninghub.sync.ChangePlanner}), apply in one transaction ({@link
 * org.zoninghub.sync.ChangeApplier}) and end the run ({@link org.zoninghub.sync.DeliveryRuns}). Camel glue lives in
 * {@code sync.camel}.
 *
 * <p>May use: {@code zoning}, {@code spatial}, {@code store}. Never {@code publish}: events are written through the
 * store's outbox facade. Public face for the HTTP side: {@link org.zoninghub.sync.SyncTrigger}, {@link
 * org.zoninghub.sync.imports.FileImports}, {@link org.zoninghub.sync.filing.DynamicUpdates} and their exceptions.
 */
package org.zoninghub.sync;
