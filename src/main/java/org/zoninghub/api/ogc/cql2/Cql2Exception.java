package org.zoninghub.api.ogc.cql2;

/** A filter that cannot be taken: what is wrong and at which character (1-based) of the filter text. */
public class Cql2Exception extends RuntimeException {

    private final int position;

    public Cql2Exception(String defect, int position) {
        super(defect + " at position " + position);
        this.position = position;
    }

    /** 1-based character position in the filter text. */
    public int position() {
        return position;
    }
}
