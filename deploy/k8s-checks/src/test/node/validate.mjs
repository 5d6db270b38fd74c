// Validates Kubernetes objects against the API schemas that kubernetes-models and its Prometheus Operator
// package ship. Input: a JSON array of objects (argv[2]). Output (stdout, JSON): the validation errors, and
// the apiVersion/kind of objects no package here has a schema for (the caller checks those itself).
import { readFileSync } from "node:fs";

const packages = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelClass(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const pkg = packages[group] ?? "kubernetes-models";
  try {
    return (await import(`${pkg}/${apiVersion}`))[kind];
  } catch (e) {
    if (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    throw e;
  }
}

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
const errors = [];
const unvalidated = [];
for (const object of objects) {
  const name = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
  const Model = await modelClass(object.apiVersion, object.kind);
  if (!Model) {
    unvalidated.push(`${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    errors.push(`${name}: ${e.message}`);
  }
}
process.stdout.write(JSON.stringify({ validated: objects.length - unvalidated.length, errors, unvalidated }));
