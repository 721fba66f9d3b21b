package org.zoninghub.zoning;

/** The three levels of the "1+2+61" access list: city-wide, river basin, control unit. */
public enum RuleLevel {
    CITY,
    BASIN,
    UNIT
}
