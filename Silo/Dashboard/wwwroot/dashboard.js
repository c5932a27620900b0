// The cluster dashboard: polls the silo's JSON API (/dashboard/api/*) and redraws every section in place, so the
// page stays live without reloading. Plain DOM and SVG, no libraries. Failed polls mark the page stale (never throw).
"use strict";

const state = { refreshMs: 1500, timer: null, lastOk: null, grain: null };
const colors = ["#2f6fdf", "#d63b3b", "#1f9d55", "#d98a00", "#7b4fd6", "#0b9cb5", "#b5459b", "#6b7385", "#8a6d1f", "#3aa37a", "#c4572b", "#4a5bb8"];

const $ = id => document.getElementById(id);
const esc = v => String(v ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]));
const num = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v)) ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = v => v >= 1000 ? num(v / 1000, 2) + " s" : num(v, v < 10 ? 2 : 1) + " ms";
const pct = v => num(v * 100, 2) + " %";
const bytes = v => v >= 1 << 30 ? num(v / (1 << 30), 2) + " GiB" : num(v / (1 << 20), 0) + " MiB";
const duration = s => {
  if (s === null || s === undefined) return "–";
  s = Math.max(0, Math.round(s));
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m ${sec}s` : `${sec}s`;
};
const pill = s => `<span class="pill ${esc(s)}">${esc(s)}</span>`;
const grainLink = (type, key, text) => `<a class="grain-link" href="#grain/${encodeURIComponent(type)}/${encodeURIComponent(key)}">${esc(text ?? key)}</a>`;
const shortId = id => id && id.length > 14 ? id.slice(0, 14) + "…" : id;

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store", headers: { "Accept": "application/json" } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function table(el, headers, rows, attrs) {
  const head = "<thead><tr>" + headers.map(h => `<th class="${h.num ? "num" : ""}">${esc(h.label ?? h)}</th>`).join("") + "</tr></thead>";
  const body = rows.length
    ? rows.map((r, i) => `<tr ${attrs ? attrs(i) : ""}>` + r.map((c, j) => `<td class="${headers[j].num ? "num" : ""}">${c}</td>`).join("") + "</tr>").join("")
    : `<tr><td colspan="${headers.length}" class="muted">none</td></tr>`;
  el.innerHTML = head + "<tbody>" + body + "</tbody>";
}

function lineChart(el, times, series) {
  const w = el.clientWidth || 400, h = el.clientHeight || 150, padL = 44, padB = 16, padT = 8, padR = 8;
  const values = series.flatMap(s => s.values.filter(v => v !== null && v !== undefined));
  const max = Math.max(1e-9, ...values) * 1.1;
  const n = Math.max(times.length, 2);
  const x = i => padL + (w - padL - padR) * i / (n - 1);
  const y = v => padT + (h - padT - padB) * (1 - v / max);
  let svg = `<svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">`;
  for (const f of [0, 0.5, 1]) {
    const v = max / 1.1 * f, yy = y(v);
    svg += `<line x1="${padL}" x2="${w - padR}" y1="${yy}" y2="${yy}" stroke="#eceef2"/><text x="${padL - 4}" y="${yy + 4}" font-size="10" text-anchor="end" fill="#6b7385">${esc(num(v, v < 10 ? 1 : 0))}</text>`;
  }
  if (times.length) {
    const first = new Date(times[0]), last = new Date(times[times.length - 1]);
    svg += `<text x="${padL}" y="${h - 3}" font-size="10" fill="#6b7385">${first.toLocaleTimeString()}</text><text x="${w - padR}" y="${h - 3}" font-size="10" text-anchor="end" fill="#6b7385">${last.toLocaleTimeString()}</text>`;
  }
  series.forEach((s, k) => {
    let d = "", pen = false;
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) { pen = false; return; }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    svg += `<path d="${d}" fill="none" stroke="${s.color ?? colors[k % colors.length]}" stroke-width="1.6"><title>${esc(s.name)}</title></path>`;
  });
  if (series.length > 1) {
    series.slice(0, 12).forEach((s, k) => {
      svg += `<text x="${padL + 6}" y="${padT + 10 + k * 11}" font-size="10" fill="${s.color ?? colors[k % colors.length]}">${esc(s.name)}</text>`;
    });
  }
  el.innerHTML = svg + "</svg>";
}

function renderCluster(c) {
  state.refreshMs = c.refreshMilliseconds || state.refreshMs;
  $("banner-simulated").hidden = !c.simulated;
  const o = c.overview;
  const figures = [
    ["Silos active", num(o.activeSilos)], ["Activations", num(o.totalActivations)], ["Calls / s", num(o.callsPerSecond, 1)],
    ["Error rate", pct(o.errorRate)], ["Average latency", ms(o.averageLatencyMs)], ["Calls (since start)", num(o.totalCalls)],
    ["Telegram", c.simulated ? "SIMULATED" : "real"], ["Answered by", shortId(c.selfSiloId)],
  ];
  $("figures").innerHTML = figures.map(([l, v]) => `<div class="figure"><div class="value">${esc(v)}</div><div class="label">${esc(l)}</div></div>`).join("");
  const methodRows = list => list.map(m => [esc(m.grainType + "." + m.method), num(m.calls), num(m.errors), ms(m.averageMs), ms(m.p99Ms)]);
  const methodHeaders = ["Method", { label: "Calls", num: 1 }, { label: "Errors", num: 1 }, { label: "Avg", num: 1 }, { label: "p99", num: 1 }];
  table($("top-calls"), methodHeaders, methodRows(o.topByCalls));
  table($("top-errors"), methodHeaders, methodRows(o.topByErrors));
  table($("top-latency"), methodHeaders, methodRows(o.topByLatency));

  const silos = c.silos;
  table($("silos"), ["Silo", "Status", "Address", "Host", { label: "Uptime", num: 1 }, { label: "CPU", num: 1 }, { label: "Memory", num: 1 },
    { label: "Activations", num: 1 }, { label: "Calls / s", num: 1 }, "Capacity used", "Last heartbeat"],
    silos.map(s => {
      const resources = [...new Set([...Object.keys(s.resourceCapacity || {}), ...Object.keys(s.resourcesUsed || {})])].sort();
      const capacity = resources.map(r => {
        const used = (s.resourcesUsed || {})[r] || 0, cap = (s.resourceCapacity || {})[r] || 0, f = cap ? used / cap : 0;
        return `<span class="bar ${f > 0.9 ? "high" : ""}"><span style="width:${Math.min(100, f * 100).toFixed(0)}%"></span></span>${esc(r)} ${num(used)} / ${cap ? num(cap) : "no limit"}`;
      }).join("<br>") || '<span class="muted">–</span>';
      return [esc(shortId(s.siloId)) + (s.isSelf ? ' <span class="muted">(this)</span>' : ""), pill(s.status), esc(s.address), esc(s.hostName),
        duration(s.uptimeSeconds), num(s.cpuPercent, 1) + " %", bytes(s.memoryBytes), num(s.activations), num(s.callsPerSecond, 1), capacity,
        esc(new Date(s.lastHeartbeat).toLocaleTimeString())];
    }),
    i => `data-silo-id="${esc(silos[i].siloId)}" data-status="${esc(silos[i].status)}" class="${["Dead", "Left"].includes(silos[i].status) ? "gone" : ""}"`);
}

function renderGrains(g) {
  const siloIds = [...new Set(g.activations.flatMap(t => Object.keys(t.bySilo)))].sort();
  table($("activations"), ["Grain type", { label: "Total", num: 1 }, ...siloIds.map(s => ({ label: shortId(s), num: 1 }))],
    g.activations.map(t => [esc(t.grainType), num(t.total), ...siloIds.map(s => num(t.bySilo[s] || 0))]));
  const headers = ["Grain type", "Method", { label: "Calls", num: 1 }, { label: "Errors", num: 1 }, { label: "Avg", num: 1 }, { label: "p99", num: 1 }];
  const rows = list => list.map(m => [esc(m.grainType), esc(m.method ?? "(all)"), num(m.calls), num(m.errors), ms(m.averageMs), ms(m.p99Ms)]);
  table($("types"), headers, rows(g.types));
  table($("methods"), headers, rows(g.methods));
}

function renderHistory(h) {
  const t = h.times;
  lineChart($("chart-calls"), t, [{ name: "calls/s", values: h.total.callsPerSecond }]);
  lineChart($("chart-latency"), t, [{ name: "average", values: h.total.averageMs }, { name: "p99", values: h.total.p99Ms, color: "#d63b3b" }]);
  lineChart($("chart-errors"), t, [{ name: "errors/s", values: h.total.errorsPerSecond, color: "#d63b3b" }]);
  lineChart($("chart-activations"), t, [{ name: "activations", values: h.activations }]);
  lineChart($("chart-types"), t, h.types.map(s => ({ name: s.name, values: s.callsPerSecond })));
  lineChart($("chart-types-p99"), t, h.types.map(s => ({ name: s.name, values: s.p99Ms })));
  lineChart($("chart-methods"), t, h.methods.map(s => ({ name: s.name, values: s.callsPerSecond })));
}

function renderTelegram(tg) {
  const accounts = tg.accounts;
  table($("accounts"), ["Account", "Label", "Phone", "State", "Silo", { label: "Cooldown left", num: 1 }, "Sent this hour", { label: "Today", num: 1 },
    { label: "Sent", num: 1 }, { label: "Failed", num: 1 }, { label: "Flood waits", num: 1 }, { label: "Uptime", num: 1 }, "Last error"],
    accounts.map(a => {
      const f = a.hourlyLimit ? a.sentThisHour / a.hourlyLimit : 0;
      return [grainLink(tg.accountGrainType, a.accountId), esc(a.label), esc(a.phoneMasked), pill(a.state), esc(shortId(a.siloId) ?? "–"),
        a.cooldownRemainingSeconds ? duration(a.cooldownRemainingSeconds) : "–",
        `<span class="bar ${f > 0.9 ? "high" : ""}"><span style="width:${Math.min(100, f * 100).toFixed(0)}%"></span></span>${num(a.sentThisHour)} / ${num(a.hourlyLimit)}`,
        `${num(a.sentToday)} / ${num(a.dailyLimit)}`, num(a.sent), num(a.failed), num(a.floodWaits), duration(a.uptimeSeconds), esc(a.lastError ?? "")];
    }),
    i => `data-account-id="${esc(accounts[i].accountId)}"`);
  const pairs = tg.pairs;
  table($("pairs"), ["Pair", "Account", "State", "Silo", "Source", { label: "Dest.", num: 1 }, { label: "Received", num: 1 }, { label: "Forwarded", num: 1 },
    { label: "Failed", num: 1 }, { label: "p50", num: 1 }, { label: "p95", num: 1 }, { label: "p99", num: 1 }, "Forward latency (recent)", "Last error"],
    pairs.map(p => {
      const max = Math.max(1, ...p.histogram.map(b => b.count));
      const hist = `<span class="hist" title="${esc(p.histogram.map(b => `${b.label}: ${b.count}`).join(", "))}">` +
        p.histogram.map(b => `<span style="height:${(b.count / max * 100).toFixed(0)}%" title="${esc(b.label)}: ${b.count}"></span>`).join("") + "</span>";
      return [grainLink(tg.pairGrainType, p.pairId, p.name ?? p.pairId), esc(p.accountId), pill(p.state), esc(shortId(p.siloId) ?? "–"), esc(p.sourceTitle),
        num(p.destinations), num(p.received), num(p.forwarded), num(p.failed), ms(p.latencyP50Ms), ms(p.latencyP95Ms), ms(p.latencyP99Ms), hist, esc(p.lastError ?? "")];
    }),
    i => `data-pair-id="${esc(pairs[i].pairId)}"`);
  table($("groups"), ["Group", "Enabled", "Silo", { label: "Channels", num: 1 }, { label: "Muted now", num: 1 }, { label: "Mutes", num: 1 },
    { label: "Verified (unmuted)", num: 1 }, { label: "Deleted", num: 1 }, { label: "Warnings", num: 1 }, { label: "Cache hits/misses", num: 1 }],
    tg.groups.map(g => [grainLink(tg.groupGrainType, String(g.groupId)), g.enabled ? "yes" : "no", esc(shortId(g.siloId) ?? "–"), num(g.channels), num(g.mutedNow),
      num(g.muted), num(g.unmuted), num(g.messagesDeleted), num(g.warningsSent), `${num(g.cacheHits)} / ${num(g.cacheMisses)}`]));
  $("telegram-problems").innerHTML = tg.problems.map(p => `<li>${esc(p)}</li>`).join("");
}

function renderLogs(l) {
  $("logs-unreachable").textContent = l.unreachableSilos.length ? "Not answering: " + l.unreachableSilos.join(", ") : "";
  table($("log-tail"), ["Time", "Silo", "Level", "Category", "Message"],
    l.entries.slice(0, 150).map(e => [esc(new Date(e.timestamp).toLocaleTimeString()), esc(shortId(e.siloId)), `<span class="level-${esc(e.level)}">${esc(e.level)}</span>`,
      esc(e.category.split(".").slice(-1)[0]), esc(e.message) + (e.exception ? `<br><span class="muted">${esc(e.exception)}</span>` : "")]));
}

async function showGrain(type, key) {
  state.grain = { type, key };
  $("grain-type").value = type;
  $("grain-key").value = key;
  try {
    const g = await getJson(`/dashboard/api/grain?type=${encodeURIComponent(type)}&key=${encodeURIComponent(key)}`);
    const states = Object.entries(g.states).map(([name, json]) => `<h3>State "${esc(name)}"</h3><pre>${esc(json)}</pre>`).join("") || '<p class="muted">no stored state</p>';
    const reminders = g.reminders.length
      ? "<ul>" + g.reminders.map(r => `<li>${esc(r.name)}: every ${duration(r.periodSeconds)} from ${esc(new Date(r.startAt).toLocaleString())}</li>`).join("") + "</ul>"
      : '<p class="muted">no reminders</p>';
    $("grain-detail").innerHTML = `<p><b>${esc(g.grainType)}/${esc(g.key)}</b>: ${g.siloId ? `active on ${esc(g.siloId)} (${esc(g.address)}), epoch ${esc(g.epoch)}` : "not active anywhere"}</p>` +
      states + "<h3>Reminders</h3>" + reminders;
  } catch (e) {
    $("grain-detail").textContent = "Could not load the grain: " + e.message;
  }
}

function route() {
  const m = location.hash.match(/^#grain\/([^/]+)\/(.+)$/);
  if (m) {
    showGrain(decodeURIComponent(m[1]), decodeURIComponent(m[2]));
    $("grain").scrollIntoView();
  }
}

async function poll() {
  const [cluster, grains, history, telegram, logs] = await Promise.allSettled([
    getJson("/dashboard/api/cluster"), getJson("/dashboard/api/grains"), getJson("/dashboard/api/history"),
    getJson("/dashboard/api/telegram"), getJson("/dashboard/api/logs"),
  ]);
  const draw = (result, render) => { if (result.status === "fulfilled") render(result.value); };
  draw(cluster, renderCluster);
  draw(grains, renderGrains);
  draw(history, renderHistory);
  draw(telegram, renderTelegram);
  draw(logs, renderLogs);
  const status = $("status");
  if (cluster.status === "fulfilled") {
    state.lastOk = new Date();
    status.textContent = "live · updated " + state.lastOk.toLocaleTimeString();
    status.className = "status";
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  } else {
    status.textContent = "no answer from the silo" + (state.lastOk ? " since " + state.lastOk.toLocaleTimeString() : "");
    status.className = "status stale";
  }
  state.timer = setTimeout(poll, state.refreshMs);
}

$("grain-form").addEventListener("submit", e => {
  e.preventDefault();
  location.hash = `#grain/${encodeURIComponent($("grain-type").value.trim())}/${encodeURIComponent($("grain-key").value.trim())}`;
});
window.addEventListener("hashchange", route);
route();
poll();
