/**
 * Embedded metric format lines (what Powertools Metrics and other EMF writers print) read back and
 * shown readably, and summed for --metrics; other JSON lines stay log lines.
 */
import { emfMetrics, formatEmf, MetricsTally } from '../../src/lambda/emf.js';
import { formatFunctionLine } from '../../src/lambda/logs.js';

const emf = {
  _aws: {
    Timestamp: 1764650000000,
    CloudWatchMetrics: [
      {
        Namespace: 'Shop',
        Dimensions: [['service', 'orderType']],
        Metrics: [
          { Name: 'OrderPlaced', Unit: 'Count' },
          { Name: 'Latency', Unit: 'Milliseconds' },
        ],
      },
    ],
  },
  service: 'shop',
  orderType: 'express',
  OrderPlaced: 1,
  Latency: [12, 30],
};

describe('EMF', () => {
  it('reads each metric value with its unit, namespace and dimensions', () => {
    expect(emfMetrics(emf)).toEqual([
      {
        namespace: 'Shop',
        name: 'OrderPlaced',
        unit: 'Count',
        value: 1,
        dimensions: { service: 'shop', orderType: 'express' },
      },
      {
        namespace: 'Shop',
        name: 'Latency',
        unit: 'Milliseconds',
        value: 12,
        dimensions: { service: 'shop', orderType: 'express' },
      },
      {
        namespace: 'Shop',
        name: 'Latency',
        unit: 'Milliseconds',
        value: 30,
        dimensions: { service: 'shop', orderType: 'express' },
      },
    ]);
    expect(emfMetrics({ level: 'INFO', message: 'not a metric' })).toBeUndefined();
  });

  it('prints a metric line readably, and raw with --json-logs, reporting its metrics either way', () => {
    const seen: string[] = [];
    const onMetrics = (m: { name: string }[]) => seen.push(...m.map((x) => x.name));
    expect(formatFunctionLine('OrdersFunction', JSON.stringify(emf), false, onMetrics)).toEqual([
      '  [OrdersFunction] METRIC OrderPlaced=1 Count, Latency=12 Milliseconds, Latency=30 Milliseconds  service=shop orderType=express  (Shop)',
    ]);
    expect(formatFunctionLine('OrdersFunction', JSON.stringify(emf), true, onMetrics)).toEqual([
      `  [OrdersFunction] ${JSON.stringify(emf)}`,
    ]);
    expect(seen).toEqual(['OrderPlaced', 'Latency', 'Latency', 'OrderPlaced', 'Latency', 'Latency']);
    expect(
      formatFunctionLine('OrdersFunction', '{"level":"INFO","message":"placed"}', false, onMetrics),
    ).toEqual(['  [OrdersFunction] INFO  placed']);
  });

  it('sums a run per metric and dimensions', () => {
    const tally = new MetricsTally();
    tally.add(emfMetrics(emf)!);
    tally.add(emfMetrics({ ...emf, orderType: 'standard', Latency: 5 })!);
    expect(tally.summary()).toEqual([
      'Shop Latency{service=shop orderType=express}: 42 Milliseconds (2 values)',
      'Shop Latency{service=shop orderType=standard}: 5 Milliseconds (1 value)',
      'Shop OrderPlaced{service=shop orderType=express}: 1 Count (1 value)',
      'Shop OrderPlaced{service=shop orderType=standard}: 1 Count (1 value)',
    ]);
    expect(formatEmf([])).toEqual([]);
  });
});
