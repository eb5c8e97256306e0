package meshonboarder.lambda;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of a step's input record that the step cannot run without. {@link StepHandler} checks every such field once
 * the input is read and fails with {@code InvalidInput} naming the step, the field's JSON path and what produces it,
 * before the step touches anything. Fields without it may be absent (a waiting loop's previous check on the first
 * check, optional facts).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {

    /** What produces the field, in a few words: "the output of Resolve", "one item of $.peers.peers". */
    String value();
}
