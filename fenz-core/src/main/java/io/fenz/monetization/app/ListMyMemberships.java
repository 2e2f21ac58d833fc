package io.fenz.monetization.app;

import io.fenz.monetization.domain.Membership;
import io.fenz.monetization.port.MembershipRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;

public final class ListMyMemberships {
  /** A membership with whether it grants access now. */
  public record Item(Membership membership, boolean active) {}

  private final MembershipRepository memberships;
  private final Clock clock;

  @Inject
  public ListMyMemberships(MembershipRepository memberships, Clock clock) {
    this.memberships = memberships;
    this.clock = clock;
  }

  public Page<Item> execute(long userId, PageRequest page) {
    return UseCaseSpan.call("ListMyMemberships", () -> perform(userId, page));
  }

  private Page<Item> perform(long userId, PageRequest page) {
    Page<Membership> found = memberships.listOf(userId, page);
    return new Page<>(
        found.items().stream().map(m -> new Item(m, m.isActive(clock.instant()))).toList(),
        found.page(),
        found.pageSize(),
        found.total());
  }
}
