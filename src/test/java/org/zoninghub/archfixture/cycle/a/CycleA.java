package org.zoninghub.archfixture.cycle.a;

import org.zoninghub.archfixture.cycle.b.CycleB;

/** One half of a package cycle: {@code ArchitectureTest} checks that its cycle rule catches it. */
public class CycleA {

    CycleB b;
}
