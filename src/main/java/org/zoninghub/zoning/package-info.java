/**
 * The domain core of zoning control (生态环境分区管控): control units and their codes ({@link
 * org.zoninghub.zoning.ControlUnit}, {@link org.zoninghub.zoning.UnitCodes}), categories, basins, the three levels and
 * four dimensions of the "1+2+61" access list, clauses and rule ids ({@link org.zoninghub.zoning.ClauseSplitter},
 * {@link org.zoninghub.zoning.RuleIds}), editions, which lists bind a unit ({@link org.zoninghub.zoning.Binding}) and
 * the kinds of change ({@link org.zoninghub.zoning.ChangeKind}).
 *
 * <p>May use: nothing else of the hub; plain Java and JTS types only, no Spring, no Camel. Every other capability
 * builds on it; its public face is every type here, each a small value or a pure function.
 */
package org.zoninghub.zoning;
