package org.zoninghub.archfixture.cycle.b;

import org.zoninghub.archfixture.cycle.a.CycleA;

/** The other half of a package cycle: {@code ArchitectureTest} checks that its cycle rule catches it. */
public class CycleB {

    CycleA a;
}
