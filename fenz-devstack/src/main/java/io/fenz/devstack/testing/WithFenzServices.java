package io.fenz.devstack.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own database, Redis key prefix, S3 bucket name and NATS prefix
 * on the shared {@link TestServices}, injected as a {@link TestEnvironment} parameter into the
 * constructor and lifecycle/test methods.
 *
 * <pre>{@code
 * @WithFenzServices
 * class VideoRepositoryTest {
 *     VideoRepositoryTest(TestEnvironment env) { ... env.jdbcUrl() ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FenzServicesExtension.class)
public @interface WithFenzServices {}
