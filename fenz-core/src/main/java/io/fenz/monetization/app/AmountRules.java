package io.fenz.monetization.app;

import io.fenz.monetization.domain.Currencies;
import io.fenz.platform.error.Validator;

/** An amount in minor units of a currency we support, within that currency's bounds. */
final class AmountRules {
  private AmountRules() {}

  static Validator check(Validator v, String field, Long amount, String currency) {
    v.required(field, amount).required("currency", currency);
    if (currency == null) {
      return v;
    }
    var bounds = Currencies.bounds(currency);
    v.check(
        bounds.isPresent(),
        "currency",
        "unsupported_currency",
        "currency must be one of the supported ISO codes (e.g. TWD, USD).");
    if (amount != null && bounds.isPresent()) {
      v.check(
          amount >= bounds.get().min() && amount <= bounds.get().max(),
          field,
          "out_of_range",
          field
              + " must be between "
              + bounds.get().min()
              + " and "
              + bounds.get().max()
              + " minor units of "
              + currency
              + ".");
    }
    return v;
  }
}
