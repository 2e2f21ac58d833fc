package io.fenz.cli;

import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "users",
    description = "List, hide, restore or delete accounts.",
    mixinStandardHelpOptions = true,
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.Hide.class,
      UsersCommand.Restore.class,
      UsersCommand.Delete.class
    })
final class UsersCommand {

  static Map<String, Object> view(User user) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", user.id());
    view.put("email", user.email());
    view.put("displayName", user.displayName());
    view.put("role", user.role().name());
    view.put("hidden", user.hidden());
    view.put("createdAt", user.createdAt().toString());
    return view;
  }

  static String line(User user) {
    return String.format(
        "%-8d %-32s %-5s %-7s %s",
        user.id(),
        user.email(),
        user.role(),
        user.hidden() ? "hidden" : "visible",
        user.displayName());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List accounts, newest first.")
  static final class ListUsers extends OperatorTask {
    @Option(names = "--query", description = "Part of an email or display name.")
    String query;

    @Option(names = "--role", description = "USER or ADMIN.")
    Role role;

    @Option(
        names = "--hidden",
        arity = "1",
        description = "true: only hidden accounts; false: only visible ones.")
    Boolean hidden;

    @Option(
        names = "--page",
        defaultValue = "1",
        description = "Page, from 1 (default ${DEFAULT-VALUE}).")
    int page;

    @Option(
        names = "--page-size",
        defaultValue = "50",
        description = "Accounts per page, at most 100 (default ${DEFAULT-VALUE}).")
    int pageSize;

    private PageRequest request;

    ListUsers(Cli cli) {
      super(cli);
    }

    @Override
    void checkFlags() {
      request = new PageRequest(page, pageSize);
    }

    @Override
    void run(OperatorComponent operator) {
      Page<User> found =
          operator.users().list(new UserRepository.UserFilter(query, role, hidden), request);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("items", found.items().stream().map(UsersCommand::view).toList());
      json.put("page", found.page());
      json.put("pageSize", found.pageSize());
      json.put("total", found.total());
      String text =
          found.items().stream()
                  .map(UsersCommand::line)
                  .collect(Collectors.joining(System.lineSeparator()))
              + String.format(
                  "%n(%d of %d, page %d)", found.items().size(), found.total(), found.page());
      report(json, text);
    }
  }

  /** One account by id: hide, restore or delete. */
  abstract static class OnUser extends OperatorTask {
    @Parameters(paramLabel = "ID", description = "The account's id (see `fenz admin users list`).")
    long id;

    OnUser(Cli cli) {
      super(cli);
    }
  }

  @Command(
      name = "hide",
      mixinStandardHelpOptions = true,
      description =
          "Hide an account: it can't log in, its sessions end and its channel and videos disappear from lists.")
  static final class Hide extends OnUser {
    Hide(Cli cli) {
      super(cli);
    }

    @Override
    void run(OperatorComponent operator) {
      User user = operator.accounts().hide(id);
      report(view(user), "hidden: " + line(user));
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = "Make a hidden account visible again.")
  static final class Restore extends OnUser {
    Restore(Cli cli) {
      super(cli);
    }

    @Override
    void run(OperatorComponent operator) {
      User user = operator.accounts().restore(id);
      report(view(user), "restored: " + line(user));
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description =
          "Delete an account and everything it owns (channel, videos and their objects). Needs --yes.")
  static final class Delete extends OnUser {
    @Option(names = "--yes", description = "Confirm: this can't be undone.")
    boolean yes;

    Delete(Cli cli) {
      super(cli);
    }

    @Override
    void checkFlags() {
      if (!yes) {
        throw new IllegalArgumentException(
            "deleting account " + id + " can't be undone: add --yes");
      }
    }

    @Override
    void run(OperatorComponent operator) {
      operator.accounts().delete(id);
      report(Map.of("deleted", id), "deleted account " + id);
    }
  }
}
