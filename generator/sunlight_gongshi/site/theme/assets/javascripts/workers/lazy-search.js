/* Sunlight: Material's search worker, loaded with the search index on the reader's first query.
 * Material sends SETUP (0) with the index at page load; the page no longer fetches the index (its
 * search form has no name), so this worker says READY (1) at once, answers the empty query itself,
 * and on the first real QUERY (2) fetches search/search_index.json, loads Material's worker (named
 * after the '#' of this script's URL) and hands it SETUP and the query. Its RESULTs (3) go to the page. */
"use strict";
var material = null, loading = null, pending = null;
var post = self.postMessage.bind(self);

function load() {
  var worker = new URL(self.location.hash.slice(1), self.location.href).href;
  var index = new URL("../../../search/search_index.json", self.location.href).href;
  return fetch(index).then(function (response) { return response.json(); }).then(function (data) {
    return new Promise(function (ready) {
      var handlers = [];
      var deliver = function (message) { handlers.forEach(function (h) { h({ data: message }); }); };
      self.addEventListener = function (type, handler) { if (type === "message") handlers.push(handler); };
      self.postMessage = function (message) { if (message && message.type === 1) ready(deliver); else post(message); };
      importScripts(worker);
      deliver({ type: 0, data: { config: data.config, docs: data.docs, options: { suggest: false } } });
    });
  });
}

self.onmessage = function (event) {
  var message = event.data;
  if (!message || message.type !== 2) return;
  if (!String(message.data).trim()) { post({ type: 3, data: { items: [] } }); return; }
  if (material) { material(message); return; }
  pending = message;
  loading = loading || load().then(function (deliver) { material = deliver; material(pending); });
};

post({ type: 1 });
