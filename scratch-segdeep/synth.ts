import { App } from "cdktf";
import { platformEstateStacks } from "../examples/platform-estate";
const app = new App({ outdir: process.argv[2]! });
platformEstateStacks(app);
app.synth();
