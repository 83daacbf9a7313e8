"""The forecast bench's peer: statsmodels' Holt-Winters ETS, refitted at every origin.

Reads JSON on stdin: {"horizon": H, "series": [{"key": str, "values": [float...], "origins": [int...], "period": P}]}
where values are one series on its calendar index: one slot per date whose weekday the calendar
opens as a rule, so that every slot keeps its weekday (a holiday's slot is filled by the caller
with the same slot a week before, and never scored); P is the number of open weekdays (5, 6 or
7) and each origin is the index of the last slot the fit may see. Before, the values came on the
working-day index, and every holiday shifted the weekday of all the days after it. Writes JSON on stdout:
{"series": [{"key": str, "forecasts": [[H floats] per origin]}], "fits": n, "fallbacks": {...}, "seconds": s}.

Model: additive damped trend, weekly seasonality of P slots, multiplicative when every
value is positive (volume scales the weekday pattern) and additive otherwise. A fit that raises
or returns non-finite forecasts falls back to the same without trend, then to the seasonal
naive; each fallback is counted so the bench can say how often ETS itself answered.
Run with Debian's /usr/bin/python3 (python3-statsmodels).
"""

import json
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing


def seasonal_naive(y, horizon, period):
    return [float(y[len(y) - period + (h % period)]) for h in range(horizon)]


def forecast(y, horizon, counts, period):
    seasonal = "mul" if np.min(y) > 0 else "add"
    attempts = [
        ("damped", dict(trend="add", damped_trend=True, seasonal=seasonal)),
        ("no_trend", dict(trend=None, seasonal=seasonal)),
    ]
    for name, kwargs in attempts:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = ExponentialSmoothing(y, seasonal_periods=period, initialization_method="estimated", **kwargs).fit()
                f = np.asarray(fit.forecast(horizon), dtype=float)
            if np.all(np.isfinite(f)):
                if name != "damped":
                    counts[name] += 1
                return [max(0.0, float(x)) for x in f]
        except Exception:  # noqa: BLE001 - any failure of the optimiser is a fallback, counted
            pass
    counts["seasonal_naive"] += 1
    return seasonal_naive(y, horizon, period)


def main():
    request = json.load(sys.stdin)
    horizon = int(request["horizon"])
    counts = {"no_trend": 0, "seasonal_naive": 0}
    fits = 0
    started = time.perf_counter()
    out = []
    for s in request["series"]:
        values = np.asarray(s["values"], dtype=float)
        period = int(s.get("period", 5))
        forecasts = []
        for origin in s["origins"]:
            y = values[: origin + 1]
            fits += 1
            forecasts.append(forecast(y, horizon, counts, period) if len(y) >= 2 * period else seasonal_naive(y, horizon, period))
        out.append({"key": s["key"], "forecasts": forecasts})
    json.dump({"series": out, "fits": fits, "fallbacks": counts, "seconds": time.perf_counter() - started}, sys.stdout)


if __name__ == "__main__":
    main()
