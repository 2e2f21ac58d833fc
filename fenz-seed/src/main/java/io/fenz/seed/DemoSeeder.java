package io.fenz.seed;

import io.fenz.identity.app.CreateAccount;
import io.fenz.identity.app.GrantAdmin;
import io.fenz.identity.domain.Role;
import io.fenz.identity.port.UserRepository;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Idempotent demo data: the demo admin plus the bundled zh-TW creators (each with its
 * channel). Running it again adds only what is missing.
 */
public final class DemoSeeder {
  public static final String DEMO_PASSWORD = "fenz-demo-pass";

  public record Creator(String email, String displayName) {}

  public record Report(boolean adminCreated, int creatorsCreated, int creatorsTotal) {}

  private final GrantAdmin grantAdmin;
  private final CreateAccount createAccount;
  private final UserRepository users;

  @Inject
  public DemoSeeder(GrantAdmin grantAdmin, CreateAccount createAccount, UserRepository users) {
    this.grantAdmin = grantAdmin;
    this.createAccount = createAccount;
    this.users = users;
  }

  public Report seed(String adminEmail, String adminPassword) {
    boolean adminCreated = users.findByEmail(adminEmail.toLowerCase()).isEmpty()
        && grantAdmin.execute(new GrantAdmin.Command(adminEmail, adminPassword, "FenzVideo 管理員")).created();
    List<Creator> creators = creators();
    int created = 0;
    for (Creator creator : creators) {
      if (users.findByEmail(creator.email()).isEmpty()) {
        createAccount.execute(new CreateAccount.Command(creator.email(), DEMO_PASSWORD, creator.displayName(), Role.USER));
        created++;
      }
    }
    return new Report(adminCreated, created, creators.size());
  }

  public static List<Creator> creators() {
    try (var in = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(DemoSeeder.class.getResourceAsStream("demo-creators.tsv")), StandardCharsets.UTF_8))) {
      List<Creator> creators = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        creators.add(new Creator(cells[0], cells[1]));
      }
      return creators;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
