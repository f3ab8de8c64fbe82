// Search across the book, offline: the index (search-index.js, built by folio) holds each section's
// text. Chinese has no spaces, so a query matches as substrings (space-separated terms must all occur),
// never split into words a segmenter might cut differently from the text.
// Progressive enhancement: the form stays hidden (and the page works) without JavaScript.
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  if (!form) return;
  var input = form.querySelector('input');
  var results = form.querySelector('.search-results');
  var MAX_RESULTS = 20;
  var SNIPPET = 24;
  var loading = null;

  form.hidden = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var first = results.querySelector('a');
    if (first) window.location.href = first.href;
  });

  function loadIndex() {
    if (window.folioSearchIndex) return Promise.resolve(window.folioSearchIndex);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = form.getAttribute('data-index');
        script.onload = function () { resolve(window.folioSearchIndex); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  // Each section's searchable text, lower-cased once per page load.
  var haystacks = null;

  function search(index, query) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) return [];
    if (!haystacks) haystacks = index.sections.map(function (section) { return ((section.heading || '') + '\n' + section.text).toLowerCase(); });
    var found = [];
    haystacks.forEach(function (text, n) {
      if (!terms.every(function (term) { return text.indexOf(term) !== -1; })) return;
      var heading = (index.sections[n].heading || '').toLowerCase();
      var score = 0;
      // A term in the heading counts as much as ten in the text: it names what the section is about.
      terms.forEach(function (term) { score += text.split(term).length - 1 + (heading.indexOf(term) !== -1 ? 10 : 0); });
      found.push({ section: index.sections[n], score: score, order: n });
    });
    return found
      .sort(function (a, b) { return b.score - a.score || a.order - b.order; })
      .slice(0, MAX_RESULTS);
  }

  function snippet(text, query) {
    var terms = query.split(/\s+/).filter(Boolean);
    var lower = text.toLowerCase();
    var at = -1;
    var term = '';
    for (var i = 0; i < terms.length && at === -1; i++) { term = terms[i]; at = lower.indexOf(term.toLowerCase()); }
    var paragraph = document.createElement('p');
    if (at === -1) { paragraph.textContent = text.slice(0, SNIPPET * 2) + '……'; return paragraph; }
    var start = Math.max(0, at - SNIPPET);
    var end = Math.min(text.length, at + term.length + SNIPPET);
    var mark = document.createElement('mark');
    mark.textContent = text.slice(at, at + term.length);
    paragraph.append((start > 0 ? '……' : '') + text.slice(start, at), mark, text.slice(at + term.length, end) + (end < text.length ? '……' : ''));
    return paragraph;
  }

  function show(found, query) {
    results.textContent = '';
    if (!query.trim()) return;
    if (found.length === 0) {
      var none = document.createElement('p');
      none.textContent = form.getAttribute('data-no-results');
      results.appendChild(none);
      return;
    }
    var list = document.createElement('ol');
    found.forEach(function (hit) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = hit.section.href;
      link.textContent = hit.section.heading || hit.section.chapter;
      item.append(link);
      if (hit.section.heading) {
        var chapter = document.createElement('span');
        chapter.className = 'search-chapter';
        chapter.textContent = hit.section.chapter;
        item.append(chapter);
      }
      item.append(snippet(hit.section.text, query.trim()));
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  var timer = 0;
  input.addEventListener('focus', function () { loadIndex().catch(function () {}); });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = input.value;
      loadIndex().then(function (index) { show(search(index, query), query); });
    }, 120);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') results.textContent = '';
  });
})();
