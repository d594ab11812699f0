// The demo page's requests. Each runs in turn; the outcome of each is what
// the browser let this script see, which is all a web application ever gets.
"use strict";

const api = (new URLSearchParams(location.search).get("api") || window.DEFAULT_API || "").replace(/\/+$/, "");

// Response headers worth showing. Only safelisted ones and those in
// Access-Control-Expose-Headers are visible to a script.
const shownHeaders = ["x-total-count", "x-request-id", "x-handler", "content-type"];

const json = {"Content-Type": "application/json"};

const probes = [
  {id: "simple-get", method: "GET", path: "/api/items",
   why: "A simple request: no preflight. X-Total-Count is readable only if exposed."},
  {id: "post-json", method: "POST", path: "/api/items", headers: json, body: {name: "Added by the demo page"},
   why: "Content-Type: application/json is not safelisted, so it is preflighted."},
  {id: "put-auth", method: "PUT", path: "/api/items/1",
   headers: {...json, "Authorization": "Bearer demo-token"}, body: {name: "Renamed by the demo page", done: true},
   why: "Preflighted: PUT, a JSON body and an Authorization header, which must be allowed by name."},
  {id: "patch-upper", method: "PATCH", path: "/api/items/1", headers: json, body: {done: false},
   why: "PATCH in upper case, as allowedMethods lists it."},
  {id: "patch-lower", method: "patch", path: "/api/items/1", headers: json, body: {done: false},
   why: "Browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT: \"patch\" is sent as written and compared case-sensitively."},
  {id: "delete", method: "DELETE", path: "/api/items/2",
   why: "DELETE is never simple: preflighted."},
  {id: "credentialed-get", method: "GET", path: "/api/items", credentials: "include",
   why: "credentials: \"include\" sends cookies; the answer needs Allow-Credentials and an echoed origin, never *."},
  {id: "refused-header", method: "GET", path: "/api/items", headers: {"X-Api-Key": "secret"},
   why: "A custom header the demo policy does not allow: the preflight is refused."},
];

async function run(p) {
  const init = {method: p.method, headers: p.headers || {}, credentials: p.credentials || "same-origin", cache: "no-store"};
  if (p.body !== undefined) init.body = JSON.stringify(p.body);
  const r = {id: p.id, method: p.method, url: api + p.path, credentials: init.credentials,
             requestHeaders: Object.keys(init.headers)};
  try {
    const res = await fetch(r.url, init);
    r.outcome = "passed";
    r.status = res.status;
    // Every header name the browser let through, in the order it gives them.
    r.readable = [...res.headers.keys()];
    r.headers = {};
    for (const h of shownHeaders) r.headers[h] = res.headers.get(h);
    r.body = (await res.text()).slice(0, 300);
  } catch (err) {
    r.outcome = "blocked";
    r.error = String(err);
  }
  return r;
}

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function describe(r) {
  if (r.outcome === "blocked") return "nothing: " + r.error;
  const parts = ["status " + r.status];
  for (const h of shownHeaders) {
    if (h === "content-type") continue;
    parts.push(h + ": " + (r.headers[h] === null ? "(not readable)" : r.headers[h]));
  }
  if (r.body) parts.push("body: " + (r.body.length > 80 ? r.body.slice(0, 80) + "…" : r.body));
  return parts.join("\n");
}

async function main() {
  document.getElementById("page-origin").textContent = location.origin;
  document.getElementById("api-origin").textContent = api || "(none: add ?api=http://127.0.0.1:8080)";
  document.getElementById("api-input").value = api;
  document.cookie = "corskit_demo=1; SameSite=Lax; path=/";

  const tbody = document.querySelector("#results tbody");
  const results = [];
  for (const [i, p] of probes.entries()) {
    const r = await run(p);
    results.push(r);
    const row = tbody.insertRow();
    row.id = "row-" + p.id;
    cell(row, String(i + 1));
    const req = cell(row, "");
    req.innerHTML = "<code></code><br><small></small>";
    req.querySelector("code").textContent = p.method + " " + p.path;
    req.querySelector("small").textContent = [
      ...r.requestHeaders.map(h => h + ": " + p.headers[h]),
      p.credentials ? "credentials: " + p.credentials : "",
    ].filter(Boolean).join(", ");
    cell(row, p.why, "why");
    cell(row, r.outcome === "passed" ? "passed" : "blocked by CORS", "outcome " + r.outcome);
    cell(row, describe(r), "read");
  }
  const passed = results.filter(r => r.outcome === "passed").length;
  document.getElementById("summary").textContent =
    passed + " passed, " + (results.length - passed) + " blocked, of " + results.length + " requests.";
  document.getElementById("results-json").textContent = JSON.stringify(results, null, 2);
  window.results = results;
  window.resultsDone = true;
}

document.getElementById("api-form").addEventListener("submit", ev => {
  ev.preventDefault();
  const u = new URL(location.href);
  u.searchParams.set("api", document.getElementById("api-input").value.trim());
  location.href = u.toString();
});

main();
