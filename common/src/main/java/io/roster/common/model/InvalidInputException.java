package io.roster.common.model;

/** Bad input from a caller: the message names what was wrong. Never a server fault. */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }
}
