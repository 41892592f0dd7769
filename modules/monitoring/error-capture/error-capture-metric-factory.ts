/** The custom metrics the runtime library (lambda-src/shared) emits in Embedded Metric Format; names from the shared contract. */
import { METRIC_DIMENSIONS, METRIC_NAMES, METRIC_NAMESPACE } from "@serverless-monitoring/contract";
import { metric, type MetricSpec } from "../../common/metrics";

function custom(metricName: string, label: string) {
  return (serviceName: string, environment: string): MetricSpec =>
    metric(METRIC_NAMESPACE, metricName, { [METRIC_DIMENSIONS.service]: serviceName, [METRIC_DIMENSIONS.environment]: environment }, "Sum", label);
}

export const ErrorCaptureMetrics = {
  writeFailures: custom(METRIC_NAMES.errorRecordWriteFailures, "Error records not written"),
  capturedErrors: custom(METRIC_NAMES.capturedErrors, "Captured errors"),
  clientErrors: custom(METRIC_NAMES.clientErrors, "Client errors"),
  /** Failures made on purpose (a simulation, a chaos experiment): objectives with subtractInjectedFailures leave them out. */
  injectedFailures: custom(METRIC_NAMES.injectedFailures, "Injected failures"),
} as const;
