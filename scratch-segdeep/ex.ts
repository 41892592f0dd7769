import { Testing } from "cdktf";
import { platformEstateStacks } from "../examples/platform-estate";
const app = Testing.app();
const [prod, staging] = platformEstateStacks(app);
for (const s of [prod!, staging!]) {
  const out = JSON.parse(Testing.synth(s));
  const alarms = Object.values<any>(out.resource.aws_cloudwatch_metric_alarm);
  console.log(s.node.id, alarms.length, Object.keys(out.resource).join(","));
  const bySeg = new Map<string, number>();
  for (const a of s.monitoring.alarms) bySeg.set(a.segment.split(":")[0]!, (bySeg.get(a.segment.split(":")[0]!) ?? 0) + 1);
  console.log([...bySeg]);
  console.log(alarms.map((a) => a.alarm_name).filter((n: string) => /live|audit|jobs|orders|ledger|sessions|partner/.test(n)).join("\n"));
}
