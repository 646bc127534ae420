#!/usr/bin/env python3
"""Prints a validation.json (nsbi validate) as a table, one row per ratio; with a fixtures quality_report.json as
second argument, also compares the ensemble's closure and log-ratio errors with that independent (numpy) report.
   bench/validation-table.py OUT/validation.json [shared/fixtures/offshell-toy/onnx/quality_report.json]"""
import json
import sys

d = json.load(open(sys.argv[1]))
print(d['config'])
print(d['samples'], '|', d['truth'], '|', '%.0f s' % d['seconds'])
f = lambda v, p: ('%.' + str(p) + 'f') % v if v is not None else '-'
print('%-26s %8s %7s %7s %9s %6s %7s %6s %8s %8s %7s %7s' % ('ratio', 'closure', 'mc_err', 'exact_C', 'calib_chi2',
      'maxdev', 'AUC', 'sigma', 'spread', 'spr_p99', '|dlogr|', 'p99'))
for k, r in d['ratios'].items():
    c, cal = r['closure'], r['calibration']
    a, s, t = r.get('reweighting_auc') or {}, r.get('ensemble_spread') or {}, r.get('truth') or {}
    print('%-26s %8s %7s %7s %6s/%-3d %6s %7s %6s %8s %8s %7s %7s' % (
        k, f(c['value'], 4), f(c['mc_error'], 4), f(c.get('exact_ratio_same_events'), 4), f(cal['chi2'], 1),
        cal['bins'], f(cal['max_relative_deviation'], 3), f(a.get('auc'), 4), f(a.get('null_sigma'), 4),
        f(s.get('mean'), 4), f(s.get('p99'), 4), f(t.get('mean_abs_log_ratio_error'), 4),
        f(t.get('p99_abs_log_ratio_error'), 4)))

if len(sys.argv) > 2:
    q = json.load(open(sys.argv[2]))

    def column(name):
        if name.startswith('ratio_'):
            return 'r_' + name[6:]
        process, rest = name[5:].split('_', 1)
        nuisance, direction = rest.rsplit('_', 1)
        return 'r_%s__%s__%s' % (process, nuisance, direction)

    print()
    print('%-26s %9s %9s %9s %9s %9s %9s' % ('fixture ratio', 'qr |d|', 'ours |d|', 'qr rms', 'ours rms', 'qr C',
                                              'ours C'))
    for name, v in q.items():
        r = d['ratios'].get(column(name))
        if r is None or 'truth' not in r:
            continue
        e = v['ensemble_mean_of_ratios']
        print('%-26s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f' % (
            name, e['mean_abs_log_ratio_error'], r['truth']['mean_abs_log_ratio_error'], e['rms_log_ratio_error'],
            r['truth']['rms_log_ratio_error'], e['closure_sum_w_r'], r['closure']['value']))
