package org.zoninghub.api.compliance;

import org.zoninghub.store.StoredRule;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.RuleLevel;

/**
 * What a compliance check answers of one rule in force: its id, level, scope, dimension and text. A snapshot keeps
 * these instead of the stored rule (its history, hashes and source text), since a national snapshot holds some
 * 650,000 rules: about 100 bytes each here against about 700 as stored rules.
 */
record Clause(String id, RuleLevel level, String scopeCode, Dimension dimension, String text) {

    static Clause of(StoredRule r, String scopeCode) {
        return new Clause(r.ruleId(), r.level(), scopeCode, r.dimension(), r.text());
    }
}
