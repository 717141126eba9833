/* 客服学堂 quizzes, progress and track pages; instant navigation re-runs it for new elements. */
(function () {
  'use strict';
  if (window.__kefuQuiz) return window.__kefuQuiz();
  const STORAGE_PREFIX = 'kefu-progress:';
  // typing: characters at once, longest pause counted
  const BULK = 10,
    IDLE = 5000;
  // any id is a safe key
  const table = entries => Object.assign(Object.create(null), Object.fromEntries(entries));
  const progressByCourse = table([]),
    initialised = new WeakSet();
  let storageBroken = false; // then progress is kept in memory only

  function find(selector, root) {
    return (root || document).querySelector(selector);
  }
  function findAll(selector, root) {
    return Array.from((root || document).querySelectorAll(selector));
  }
  function required(selector, root) {
    const element = find(selector, root);
    if (!element) throw new Error('missing ' + selector);
    return element;
  }
  function fillIn(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      Object.keys(values).includes(name) ? values[name] : whole
    );
  }
  // As model.fold: width, case and spaces folded, 。！？，； at either end dropped
  // (tests/fold_cases.json).
  function fold(text) {
    return text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\s+/g, '')
      .replace(/^[。.!?,;]+|[。.!?,;]+$/g, '');
  }
  function today(separator, days) {
    const now = new Date();
    now.setDate(now.getDate() + (days || 0));
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map(part => (part < 10 ? '0' : '') + part)
      .join(separator);
  }
  function passes(score, total, ratio) {
    return total > 0 && score / total >= ratio;
  }

  // Stored: {unit id: {q: {question id: record}, b: {d: date, c: {question id: hash}},
  // k: {question id: hash} known}};
  // record: {h: hash, ok, a: answer, tb: best typing, w: 错题本 {b: box, d: due date}};
  // typing: {s: speed, c: accuracy, d: done, ok}.
  // Read back part by part: a part of the wrong shape is dropped alone.
  const isObject = value => value !== null && typeof value === 'object' && !Array.isArray(value);
  const isText = value => typeof value === 'string';
  const isDate = value => isText(value) && /^\d{4}-\d\d-\d\d$/.test(value);
  const hashTable = value => table(entriesOf(value).filter(([, hash]) => isText(hash)));
  const isBetween = (value, low, high) =>
    typeof value === 'number' && value >= low && value <= high;
  const entriesOf = value => (isObject(value) ? Object.entries(value) : []);
  const isTyping = value =>
    isObject(value) &&
    isBetween(value.s, 0, 1e5) &&
    isBetween(value.c, 0, 1) &&
    typeof value.d === 'boolean' &&
    [undefined, true, false].includes(value.ok);
  const isAnswer = value =>
    isText(value) || isTyping(value) || (Array.isArray(value) && value.every(isText));
  function readRecord(value) {
    if (!isObject(value) || !isText(value.h)) return null;
    const record = { h: value.h };
    if (typeof value.ok === 'boolean' && isAnswer(value.a))
      Object.assign(record, { ok: value.ok, a: value.a });
    if (isTyping(value.tb)) record.tb = value.tb;
    if (isObject(value.w) && [0, 1, 2].includes(value.w.b) && isDate(value.w.d))
      record.w = { b: value.w.b, d: value.w.d };
    return record;
  }
  function readUnit(value) {
    const unit = {
      q: table(
        entriesOf(value.q)
          .map(([id, record]) => [id, readRecord(record)])
          .filter(([, record]) => record)
      )
    };
    const best = value.b;
    if (isObject(best) && isDate(best.d) && isObject(best.c))
      unit.b = { d: best.d, c: hashTable(best.c) };
    if (isObject(value.k)) unit.k = hashTable(value.k);
    return unit;
  }
  function readProgress(text) {
    let stored = null;
    try {
      stored = JSON.parse(text);
    } catch (error) {
      /* not JSON: nothing to keep */
    }
    return table(
      entriesOf(stored)
        .filter(([, unit]) => isObject(unit))
        .map(([id, unit]) => [id, readUnit(unit)])
    );
  }

  function load(course) {
    if (!storageBroken) {
      try {
        localStorage.setItem(STORAGE_PREFIX, 1); // may read but not write (old private modes)
        localStorage.removeItem(STORAGE_PREFIX);
        progressByCourse[course] = readProgress(localStorage.getItem(STORAGE_PREFIX + course));
      } catch (error) {
        storageBroken = true;
      }
    }
    return (progressByCourse[course] = progressByCourse[course] || table([]));
  }
  function save(course) {
    try {
      localStorage.setItem(STORAGE_PREFIX + course, JSON.stringify(progressByCourse[course]));
    } catch (error) {
      storageBroken = true;
    }
  }
  function clear(course) {
    progressByCourse[course] = table([]);
    try {
      localStorage.removeItem(STORAGE_PREFIX + course);
    } catch (error) {
      /* memory only */
    }
  }

  function status(unit, hashes) {
    const result = { score: 0, best: 0, any: false, missed: [], correct: table([]) },
      best = unit && unit.b;
    Object.keys(hashes).forEach(id => {
      const record = unit && unit.q[id];
      if (!record || record.h !== hashes[id] || typeof record.ok !== 'boolean') return;
      result.any = true;
      if (record.ok) {
        result.score++;
        result.correct[id] = record.h;
      } else result.missed.push(id);
    });
    if (best)
      Object.keys(best.c).forEach(id => {
        if (hashes[id] === best.c[id]) result.best++;
      });
    result.has = result.any || !!best;
    result.date = best ? best.d : today('-');
    result.top = Math.max(result.best, result.score);
    return result;
  }

  // 错题本, a Leitner schedule: a wrong answer anywhere puts a question in box 0, due today;
  // a right answer when due moves it up a box, due DAYS[box] days later; right in the last box,
  // it is learnt.
  const DAYS = [1, 3];
  function schedule(record, correct) {
    const box = record.w,
      now = today('-');
    if (!correct) record.w = { b: 0, d: now };
    else if (box && box.d <= now) {
      if (box.b < DAYS.length) record.w = { b: box.b + 1, d: today('-', DAYS[box.b]) };
      else delete record.w;
    }
  }
  function reviewItems(units) {
    // [unit id, question id, record] of every question in the 错题本
    return Object.keys(units).flatMap(unit =>
      entriesOf(units[unit].q)
        .filter(([, record]) => record.w)
        .map(([id, record]) => [unit, id, record])
    );
  }
  let reviewAt = null; // course, 错题本 address and strings of the last page with a widget
  function showDue(root) {
    // the header badge: how many questions are due today
    const header = find('.md-header__title'),
      link = find('[data-due-badge]') || document.createElement('a');
    if (root)
      reviewAt = {
        course: root.dataset.course,
        url: new URL(root.dataset.reviewUrl, location.href).href,
        strings: JSON.parse(root.dataset.strings)
      };
    if (!reviewAt || !header) return;
    const now = today('-'),
      due = reviewItems(load(reviewAt.course)).filter(item => item[2].w.d <= now).length;
    Object.assign(link, {
      className: 'kefu-due',
      href: reviewAt.url,
      hidden: !due,
      textContent: fillIn(reviewAt.strings.review_badge, { n: due }),
      title: fillIn(reviewAt.strings.review_due, { n: due })
    });
    link.dataset.dueBadge = '';
    if (!link.parentNode) header.after(link);
  }

  // Typed text aligned with the passage by edit distance, so a skipped or extra character costs
  // one; against the whole passage, or while typing the beginning of it that fits best.
  function align(passage, typed, whole) {
    // rows[t][p]: edits between the first t characters typed and the first p of the passage
    const size = passage.length,
      rows = [Array.from({ length: size + 1 }, (_, column) => column)];
    typed.forEach((character, index) => {
      const above = rows[index],
        row = [index + 1];
      for (let column = 1; column <= size; column++)
        row[column] = Math.min(
          above[column] + 1,
          row[column - 1] + 1,
          above[column - 1] + (character === passage[column - 1] ? 0 : 1)
        );
      rows.push(row);
    });
    let typedAt = typed.length,
      passageAt = size;
    if (!whole)
      rows[typedAt].forEach((cost, column) => {
        if (cost <= rows[typedAt][passageAt]) passageAt = column;
      });
    const found = { errors: rows[typedAt][passageAt], end: passageAt, marks: [] };
    while (typedAt || passageAt) {
      const last = typed[typedAt - 1] === passage[passageAt - 1] ? 0 : 1;
      if (
        typedAt &&
        passageAt &&
        rows[typedAt][passageAt] === rows[typedAt - 1][passageAt - 1] + last
      ) {
        found.marks.unshift([
          typed[--typedAt],
          typed[typedAt] === passage[--passageAt] ? '' : 'wrong'
        ]);
      } else if (typedAt && rows[typedAt][passageAt] === rows[typedAt - 1][passageAt] + 1) {
        found.marks.unshift([typed[--typedAt], 'extra']);
      } else found.marks.unshift([passage[--passageAt], 'missed']);
    }
    return found;
  }

  // A certificate's code, FNV-1a over UTF-16 units as generator/tools/certificate.py computes it.
  function certificateCode(text) {
    let hash = 0x811c9dc5;
    for (let at = 0; at < text.length; at++)
      hash = Math.imul(hash ^ text.charCodeAt(at), 16777619) >>> 0;
    return hash.toString(16).toUpperCase().padStart(8, '0').replace(/^..../, '$&-');
  }
  function unitsOf(root) {
    return JSON.parse(root.dataset.units).map(unit =>
      Object.assign(unit, { hashes: table(entriesOf(unit.questions)) })
    );
  }
  function resultsOf(course, units) {
    const progress = load(course);
    return units.map(unit => {
      const result = status(progress[unit.id], unit.hashes),
        total = Object.keys(unit.hashes).length;
      return {
        unit: unit.id,
        title: unit.title,
        score: result.top,
        total,
        passed: passes(result.top, total, unit.pass_ratio),
        date: result.date,
        missed: result.missed,
        has: result.has
      };
    });
  }

  function setUpQuiz(root) {
    const strings = JSON.parse(root.dataset.strings),
      course = root.dataset.course,
      unitId = root.dataset.quiz,
      passRatio = Number(root.dataset.passRatio),
      summary = required('[data-quiz-summary]', root),
      announcer = required('[data-live]', root),
      noStorageNote = required('[data-nostore]', root),
      elements = findAll('[data-question-id]', root),
      questions = new Map(),
      reviewing = root.hasAttribute('data-reviewing'),
      hashes = table(
        elements.map(element => [element.dataset.questionId, element.dataset.questionHash])
      );

    function readQuestion(element) {
      const question = {
        element,
        type: element.dataset.questionType,
        key: JSON.parse(element.dataset.answer),
        id: element.dataset.questionId,
        hash: element.dataset.questionHash,
        result: required('.kefu-result', element),
        answerBlock: required('details.kefu-answer', element),
        checkButton: required('[data-quiz-check]', element),
        retryButton: required('[data-quiz-retry]', element),
        revealButton: find('[data-quiz-reveal]', element),
        values: findAll('input', element).map(input => input.value)
      };
      if (question.type === 'fill') question.fill = required('.kefu-fill', element);
      if (question.type === 'order') {
        question.list = required('.kefu-order', element);
        question.start = orderOf(question);
      }
      if (question.type === 'typing') {
        question.textarea = required('textarea', element);
        question.stats = required('[data-typing-stats]', element);
        question.marks = required('[data-typing-marks]', element);
        question.passage = Array.from(required('[data-passage]', element).textContent);
      }
      return question;
    }
    function answerFits(question, answer) {
      // a stored answer this question can show
      switch (question.type) {
        case 'fill':
          return isText(answer);
        case 'typing':
          return isObject(answer);
        case 'order':
          return (
            Array.isArray(answer) &&
            answer.length === question.start.length &&
            question.start.every(key => answer.includes(key))
          );
        case 'multiple':
          return Array.isArray(answer) && answer.every(key => question.values.includes(key));
        default:
          return question.values.includes(answer);
      }
    }
    function unitProgress() {
      const units = progressByCourse[course];
      return (units[unitId] = units[unitId] || { q: table([]) });
    }
    function orderOf(question) {
      return findAll('[data-option]', question.list).map(item => item.dataset.option);
    }
    function figures(typing) {
      return { speed: Math.round(typing.s), accuracy: (typing.c * 100).toFixed(1) };
    }

    function answerOf(question) {
      const typing = question.typing,
        chosen = findAll('input:checked', question.element).map(input => input.value);
      if (question.fill) return fold(question.fill.value) ? question.fill.value : null;
      if (question.list) return orderOf(question);
      if (question.textarea)
        return typing ? (measure(question, true), { s: typing.s, c: typing.c, d: typing.d }) : null;
      if (!chosen.length) return null;
      return question.type === 'multiple' ? chosen : chosen[0];
    }
    function isRight(question, answer) {
      const key = question.key;
      switch (question.type) {
        case 'fill':
          return key.includes(fold(answer));
        case 'multiple':
          return answer.length === key.length && key.every(option => answer.includes(option));
        case 'order':
          return answer.join() === key.join();
        case 'typing':
          // the whole passage, fast and right
          return answer.d && answer.s >= key.speed && answer.c >= key.accuracy;
        default:
          return answer === String(key);
      }
    }
    function put(question, answer) {
      // show a saved answer in the inputs
      const items = question.list ? findAll('[data-option]', question.list) : [];
      if (question.fill) question.fill.value = answer;
      else if (question.list)
        answer.forEach(key =>
          question.list.appendChild(items.find(item => item.dataset.option === key))
        );
      else if (!question.textarea)
        findAll('input', question.element).forEach(input => {
          input.checked = [].concat(answer).includes(input.value);
        });
    }
    function lock(question, locked) {
      question.locked = locked;
      findAll('input,[data-move]', question.element).forEach(control => {
        control.disabled = locked;
      });
      if (question.textarea) question.textarea.readOnly = locked;
      question.checkButton.hidden = locked;
      question.retryButton.hidden = !locked;
      if (question.revealButton) question.revealButton.hidden = !locked;
      if (locked) return;
      if (question.revealButton) reveal(question, false);
      ['state', 'accuracy', 'speed'].forEach(name => delete question.element.dataset[name]);
      question.result.textContent = '';
      showFeedback(question, []);
      verdicts(question);
    }
    function verdicts(question) {
      // chosen options right or wrong; keyed ones not chosen are missed once the answer shows
      const key = [].concat(question.key).map(String),
        shown =
          question.element.dataset.state === 'correct' ||
          question.element.classList.contains('kefu-revealed');
      findAll('.kefu-option', question.element).forEach(option => {
        const input = find('input', option),
          keyed = key.includes(input.value),
          verdict = !question.locked
            ? ''
            : input.checked
              ? keyed
                ? 'right'
                : 'wrong'
              : keyed && shown
                ? 'missed'
                : '';
        if (verdict) option.dataset.verdict = verdict;
        else delete option.dataset.verdict;
      });
    }
    function showFeedback(question, keys) {
      findAll('[data-feedback-for]', question.element).forEach(feedback => {
        feedback.hidden = !keys.includes(feedback.dataset.feedbackFor);
      });
    }
    function resultText(question, correct, answer) {
      if (!question.textarea) return correct ? strings.result_correct : strings.result_incorrect;
      return (
        (correct
          ? strings.typing_passed
          : answer.d
            ? strings.typing_failed
            : strings.typing_unfinished) +
        ' ' +
        fillIn(strings.typing_stats, figures(answer))
      );
    }
    function show(question, correct, answer) {
      // the state after a check
      question.element.dataset.state = correct ? 'correct' : 'incorrect';
      question.result.textContent = resultText(question, correct, answer);
      showFeedback(question, question.list ? question.start : [].concat(answer));
      lock(question, true);
      verdicts(question);
      if (question.textarea)
        Object.assign(question.element.dataset, {
          accuracy: (answer.c * 100).toFixed(1),
          speed: answer.s.toFixed(1)
        });
    }
    function showBest(question, record) {
      const best = record && record.h === question.hash && record.tb,
        line = find('[data-typing-best]', question.element);
      // an unfinished attempt is no record
      if (line) line.textContent = best && best.d ? fillIn(strings.typing_best, figures(best)) : '';
    }
    function reveal(question, shown) {
      shown = question.element.classList.toggle('kefu-revealed', shown);
      question.revealButton.setAttribute('aria-expanded', shown);
      question.revealButton.textContent = shown ? strings.hide_answer : strings.reveal;
      verdicts(question);
    }
    function tally(update) {
      if (reviewing) return; // the 错题本 shows a few questions of a unit: no unit score there
      const unit = unitProgress(),
        result = status(unit, hashes),
        total = elements.length,
        passed = passes(result.score, total, passRatio),
        need = Math.ceil(passRatio * total - 1e-9);
      if (update && (!unit.b || result.score > result.best))
        unit.b = { d: today('-'), c: result.correct };
      if (result.any) {
        root.dataset.score = result.score + '/' + total;
        root.dataset.passed = passed;
        summary.textContent =
          fillIn(strings.unit_score, { score: result.score, total }) +
          ' · ' +
          (passed ? strings.unit_passed : fillIn(strings.unit_failed, { need }));
      } else {
        delete root.dataset.score;
        delete root.dataset.passed;
        summary.textContent = '';
      }
    }
    function store() {
      save(course);
      noStorageNote.hidden = !storageBroken; // a write can fail later (storage full)
    }
    function check(question, automatic) {
      const answer = answerOf(question);
      if (answer === null) {
        question.result.textContent = strings.need_answer;
        return;
      }
      const correct = isRight(question, answer),
        unit = unitProgress(),
        old = unit.q[question.id];
      const record = old && old.h === question.hash ? old : { h: question.hash },
        best = record.tb;
      if (question.textarea) answer.ok = correct;
      if (
        question.textarea &&
        answer.d &&
        (!best || (correct && !best.ok) || (correct === !!best.ok && answer.s > best.s))
      )
        record.tb = answer;
      unit.q[question.id] = Object.assign(record, { ok: correct, a: answer });
      schedule(record, correct);
      if (!reviewing) know(unit, question);
      show(question, correct, answer);
      showBest(question, record);
      tally(true);
      store();
      showDue();
      root.dispatchEvent(new Event('kefu-checked', { bubbles: true }));
      if (!automatic) question.retryButton.focus();
    }
    function know(unit, question) {
      // the questions as the trainee has seen them: since the first check, plus each one checked
      const known = (unit.k = unit.k || Object.assign(table([]), hashes));
      Object.keys(known).forEach(id => {
        if (!hashes[id]) delete known[id];
      });
      known[question.id] = question.hash;
      showUpdates();
    }
    function showUpdates() {
      // 本单元有更新: questions new or re-keyed since then, and how many went
      const known = (progressByCourse[course][unitId] || {}).k,
        line = find('[data-updated]', root);
      if (!known || !line || reviewing) return;
      const fresh = elements.filter(
          element => known[element.dataset.questionId] !== element.dataset.questionHash
        ),
        gone = Object.keys(known).filter(id => !hashes[id]).length;
      elements.forEach(element => {
        element.toggleAttribute('data-new', fresh.includes(element));
      });
      line.textContent =
        (fresh.length
          ? fillIn(strings.unit_updated, {
              list: fresh
                .map(element =>
                  fillIn(strings.question_short, { n: elements.indexOf(element) + 1 })
                )
                .join(strings.question_list_join)
            })
          : '') + (gone ? fillIn(strings.unit_removed, { n: gone }) : '');
      line.hidden = !line.textContent;
    }
    function confirmReset(asking) {
      // 重新作答 asks first, inline
      required('[data-reset-confirm]', root).hidden = !asking;
      find(asking ? '[data-reset-no]' : '[data-quiz-reset]', root).focus();
    }
    function forget(question) {
      const record = unitProgress().q[question.id];
      if (record) {
        delete record.ok;
        delete record.a;
      }
    }
    function restartTyping(question) {
      question.typing = null;
      question.textarea.value = question.accepted = question.stats.textContent = '';
      question.marks.hidden = true;
    }
    function retry(question) {
      forget(question);
      store();
      lock(question, false);
      if (question.textarea) restartTyping(question);
      tally();
      (find('input,textarea,[data-option]', question.element) || question.element).focus();
    }
    function reset() {
      questions.forEach(question => {
        forget(question);
        lock(question, false);
        if (question.fill) question.fill.value = '';
        else if (question.list) put(question, question.start);
        else if (question.textarea) restartTyping(question);
        else put(question, []);
      });
      store();
      tally();
    }
    function move(question, item, up) {
      const neighbour = up ? item.previousElementSibling : item.nextElementSibling;
      if (question.locked || !neighbour) return;
      // move the neighbour: focus stays put
      question.list.insertBefore(neighbour, up ? item.nextSibling : item);
      const items = findAll('[data-option]', question.list);
      announcer.textContent = fillIn(strings.order_moved, {
        item: find('.kefu-option-text', item).textContent,
        n: items.indexOf(item) + 1,
        total: items.length
      });
    }
    function typed(question, event) {
      // only committed text counts: nothing while an IME composes
      const now = Date.now(),
        typing = question.typing,
        text = question.textarea.value,
        characters = Array.from(text);
      if (typing) {
        typing.a += Math.min(now - typing.last, IDLE);
        typing.last = now;
      } // active time: a pause counts as IDLE at most
      if (question.composing || event.isComposing || question.locked) return;
      if (characters.length - Array.from(question.accepted || '').length > BULK) {
        // a paste, autofill or a long commit
        question.textarea.value = question.accepted || '';
        question.result.textContent = strings.typing_bulk;
        return;
      }
      question.accepted = text;
      question.result.textContent = '';
      if (!characters.length) return restartTyping(question);
      question.typing = typing || { last: now, a: 0 };
      measure(question);
      question.stats.dataset.speed = question.typing.s.toFixed(1);
      question.stats.dataset.accuracy = question.typing.c.toFixed(4);
      question.stats.textContent =
        fillIn(strings.typing_stats, figures(question.typing)) +
        fillIn(strings.typing_errors, { n: question.typing.e }) +
        fillIn(strings.typing_progress, {
          typed: characters.length,
          total: question.passage.length
        });
      if (question.typing.d) check(question, true);
    }
    function measure(question, whole) {
      // speed: committed characters a minute of active time; accuracy by alignment
      const typing = question.typing,
        characters = Array.from(question.textarea.value),
        found = align(question.passage, characters, whole);
      typing.s = (characters.length / Math.max(typing.a, 1000)) * 60000;
      typing.c = Math.max(0, 1 - found.errors / Math.max(found.end, 1));
      typing.e = found.errors;
      if (!whole) typing.d = found.end === question.passage.length;
      question.marks.replaceChildren(
        ...found.marks.map(([character, kind]) => {
          if (!kind) return character;
          const mark = document.createElement('mark');
          mark.dataset.mark = kind;
          mark.textContent = character;
          return mark;
        })
      );
      question.marks.hidden = !found.errors;
    }
    function start(element, saved) {
      const question = readQuestion(element),
        record = saved && saved.q[question.id];
      if (!reviewing && record && record.h === question.hash && typeof record.ok === 'boolean') {
        if (answerFits(question, record.a)) {
          put(question, record.a);
          show(question, record.ok, record.a);
        } else {
          // not counted either, here or on the progress page
          forget(question);
          save(course);
        }
      }
      showBest(question, record);
      findAll('[data-js]', element).forEach(hidden => {
        hidden.hidden = false;
      });
      question.answerBlock.open = true;
      questions.set(element, question);
    }

    function questionOf(target) {
      return questions.get(target.closest('[data-question-id]'));
    }
    function onClick(event) {
      const button = event.target.closest('button'),
        question = button && questionOf(button);
      if (!button) return;
      if (button.hasAttribute('data-quiz-reset')) confirmReset(true);
      else if (button.hasAttribute('data-reset-no')) confirmReset(false);
      else if (button.hasAttribute('data-reset-yes')) {
        reset();
        confirmReset(false);
      } else if (!question) return;
      else if (button.hasAttribute('data-quiz-check')) check(question);
      else if (button.hasAttribute('data-quiz-retry')) retry(question);
      else if (button.hasAttribute('data-quiz-reveal')) reveal(question);
      else if (button.dataset.move)
        move(question, button.closest('[data-option]'), button.dataset.move === 'up');
    }
    function onKey(event) {
      const target = event.target,
        question = questionOf(target),
        item = target.closest('[data-option]');
      if (!question) return;
      if (
        item &&
        (event.key === 'ArrowUp' || event.key === 'ArrowDown') &&
        (target === item || event.altKey)
      ) {
        event.preventDefault();
        move(question, item, event.key === 'ArrowUp');
      } else if (event.key === 'Enter' && target === question.fill) {
        event.preventDefault();
        if (!question.locked) check(question);
      }
    }
    function onTyping(event) {
      const question = questionOf(event.target);
      if (!question || event.target !== question.textarea) return;
      if (event.type !== 'input') question.composing = event.type === 'compositionstart';
      typed(question, event);
    }

    const saved = load(course)[unitId];
    elements.forEach(element => {
      try {
        start(element, saved);
      } catch (error) {
        console.error('kefu: question not graded', element, error);
      }
    });
    root.addEventListener('click', onClick);
    root.addEventListener('keydown', onKey);
    ['input', 'compositionstart', 'compositionend'].forEach(name =>
      root.addEventListener(name, onTyping)
    );
    ['paste', 'drop'].forEach(name =>
      root.addEventListener(name, event => {
        if (!event.target.matches('.kefu-typing-input')) return;
        event.preventDefault();
        questionOf(event.target).result.textContent = strings.typing_bulk;
      })
    );
    root.classList.add('kefu-js');
    findAll('[data-js]', root).forEach(hidden => {
      if (!hidden.closest('[data-question-id]')) hidden.hidden = false;
    });
    tally();
    showUpdates();
    noStorageNote.hidden = !storageBroken;
  }

  // The progress page or a track's completion line.
  function setUpProgress(root) {
    const strings = JSON.parse(root.dataset.strings),
      course = root.dataset.course,
      units = unitsOf(root),
      line = root.matches('[data-track-progress]') ? root : required('[data-completion]', root),
      message = find('[data-message]', root),
      confirmation = find('[data-clear-confirm]', root),
      scope = root.closest('.kefu-track') || root,
      rows = findAll('[data-unit]', scope),
      next = find('[data-continue]', scope);

    function results() {
      return resultsOf(course, units);
    }
    function showRow(result, row) {
      row.dataset.state = result.has ? (result.passed ? 'passed' : 'started') : 'new';
      find('[data-unit-score]', row).textContent = result.has
        ? result.score + ' / ' + result.total
        : '–';
      find('[data-unit-state]', row).textContent = !result.has
        ? strings.progress_not_started
        : result.passed
          ? strings.progress_passed
          : strings.progress_failed;
    }
    function render() {
      const shown = results(),
        noStorageNote = find('[data-nostore]', root);
      shown.forEach(result =>
        rows.forEach(row => {
          if (row.dataset.unit === result.unit) showRow(result, row);
        })
      );
      if (next) showNext(next, shown, units, strings);
      line.textContent = fillIn(strings.track_completion, {
        passed: shown.filter(result => result.passed).length,
        total: shown.length
      });
      line.hidden = false;
      if (noStorageNote) noStorageNote.hidden = !storageBroken;
      return shown;
    }
    function download() {
      const input = find('[data-trainee]', root),
        name = input.value.trim(),
        length = Array.from(name).length;
      if (!length || length > 40) {
        message.textContent = strings.name_needed;
        return input.focus();
      }
      const report = {
        format: 'kefu-academy-results',
        version: 1,
        course,
        trainee: name,
        exported_at: new Date().toISOString(),
        units: render()
          .filter(result => result.has)
          .map(result => {
            delete result.has;
            return result;
          })
      };
      const file =
        'kefu-results-' +
        course +
        '-' +
        name.replace(/[\\/:*?"<>|\s\x00-\x1f]+/g, '_') +
        '-' +
        today('') +
        '.json';
      // never attached: instant navigation must not see the click
      const link = document.createElement('a');
      link.href = URL.createObjectURL(
        new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' })
      );
      link.download = file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      message.textContent = fillIn(strings.downloaded, { file });
    }
    function onClick(event) {
      const button = event.target.closest('button');
      if (!button) return;
      if (button.hasAttribute('data-download')) download();
      else if (button.hasAttribute('data-clear')) {
        confirmation.hidden = false;
        message.textContent = '';
        find('[data-clear-no]', root).focus();
      } else if (button.hasAttribute('data-clear-no') || button.hasAttribute('data-clear-yes')) {
        if (button.hasAttribute('data-clear-yes')) {
          clear(course);
          render();
          showDue();
          message.textContent = strings.progress_cleared;
        }
        confirmation.hidden = true;
        find('[data-clear]', root).focus();
      }
    }
    if (message) {
      root.addEventListener('click', onClick);
      find('[data-trainee]', root).addEventListener('keydown', event => {
        if (event.key === 'Enter') download();
      });
      findAll('[data-js]', root).forEach(hidden => {
        hidden.hidden = false;
      });
    }
    render();
  }

  // A track's 继续学习 link: the first unit not passed yet, or the track page once all are.
  function showNext(link, shown, units, strings) {
    const unit = units[shown.findIndex(result => !result.passed)];
    link.href = unit ? unit.url : link.dataset.done;
    link.textContent = unit
      ? fillIn(shown.some(result => result.has) ? strings.continue_unit : strings.start_unit, unit)
      : strings.track_done;
  }

  // Unit pages: follow the track the trainee came from (kept for the tab), else the first.
  const TRACK_KEY = 'kefu-track';
  function remember(track) {
    try {
      sessionStorage.setItem(TRACK_KEY, track);
    } catch (error) {
      /* not kept */
    }
  }
  function followTrack(blocks) {
    let wanted = null;
    try {
      wanted = sessionStorage.getItem(TRACK_KEY);
    } catch (error) {
      /* the first track */
    }
    const first = blocks[0].dataset.unitNav,
      track = blocks.some(block => block.dataset.unitNav === wanted) ? wanted : first,
      footer = find('.md-footer__inner');
    blocks.forEach(block => {
      block.hidden = block.dataset.unitNav !== track;
    });
    if (footer) footer.hidden = track !== first; // the theme's footer follows the first track
    remember(track);
  }
  document.addEventListener(
    'click',
    event => {
      const link = event.target.closest && event.target.closest('a[data-track]');
      if (link) remember(link.dataset.track);
    },
    true
  );

  // The 错题本: questions due today, taken from their unit pages and graded as there.
  function setUpReview(root) {
    const strings = JSON.parse(root.dataset.strings),
      course = root.dataset.course,
      units = JSON.parse(root.dataset.units),
      line = required('[data-review-due]', root),
      list = required('[data-review-list]', root),
      hashes = table(units.map(unit => [unit.id, table(entriesOf(unit.questions))])),
      now = today('-');

    function current() {
      // drops questions whose key changed or that are gone
      const items = reviewItems(load(course));
      items.forEach(([unit, id, record]) => {
        if (!hashes[unit] || hashes[unit][id] !== record.h) delete record.w;
      });
      return items.filter(item => item[2].w);
    }
    function tell() {
      const items = current(),
        due = items.filter(item => item[2].w.d <= now).length,
        later = items.length - due;
      line.textContent = !items.length
        ? strings.review_empty
        : (due ? fillIn(strings.review_due, { n: due }) : strings.review_none) +
          (later ? ' ' + fillIn(strings.review_later, { n: later }) : '');
    }
    function show(unit, ids) {
      const box = list.appendChild(document.createElement('section')),
        heading = box.appendChild(document.createElement('h2')),
        link = document.createElement('a'),
        base = new URL(unit.url, location.href);
      link.href = unit.url;
      link.textContent = unit.title;
      heading.append(strings.review_from, link);
      fetch(base)
        .then(response => response.text())
        .then(text => {
          // the unit page, inert: parsed, never run
          const quiz = required('[data-quiz]', new DOMParser().parseFromString(text, 'text/html'));
          findAll('[data-question-id]', quiz).forEach(element => {
            if (!ids.includes(element.dataset.questionId)) element.remove();
          });
          findAll('[href],[src]', quiz).forEach(element =>
            ['href', 'src'].forEach(name => {
              if (element.hasAttribute(name))
                element.setAttribute(name, new URL(element.getAttribute(name), base));
            })
          );
          quiz.setAttribute('data-reviewing', '');
          box.append(document.adoptNode(quiz));
          init();
        })
        .catch(() => {
          box.append(strings.review_load_failed);
        });
    }
    const items = current();
    save(course);
    units.forEach(unit => {
      const ids = items
        .filter(([from, , record]) => from === unit.id && record.w.d <= now)
        .map(item => item[1]);
      if (ids.length) show(unit, ids);
    });
    root.addEventListener('kefu-checked', tell);
    tell();
    find('[data-nostore]', root).hidden = !storageBroken;
  }

  // A track's 结业证明, offered once every unit of the track is passed.
  function setUpCertificate(root) {
    const strings = JSON.parse(root.dataset.strings),
      course = root.dataset.course,
      shown = resultsOf(course, unitsOf(root)),
      passed = shown.filter(result => result.passed).length,
      done = passed === shown.length,
      certificate = required('[data-cert]', root),
      input = required('[data-cert-name]', root),
      message = required('[data-cert-message]', root);
    required('[data-cert-state]', root).textContent = done
      ? strings.cert_ready
      : fillIn(strings.cert_locked, { passed, total: shown.length });
    required('[data-cert-tools]', root).hidden = !done;
    function make() {
      const name = input.value.trim(),
        length = Array.from(name).length;
      if (!length || length > 40) {
        message.textContent = strings.name_needed;
        return input.focus();
      }
      shown.forEach(result => {
        const row = required('[data-unit="' + result.unit + '"]', certificate);
        find('[data-unit-score]', row).textContent = result.score + ' / ' + result.total;
        find('[data-unit-date]', row).textContent = result.date;
      });
      required('[data-cert-body]', certificate).textContent = fillIn(strings.cert_body, {
        name,
        track: root.dataset.trackTitle,
        n: shown.length
      });
      required('[data-cert-code]', certificate).textContent = certificateCode(
        [
          course,
          root.dataset.track,
          name,
          ...shown.map(result => [result.unit, result.score, result.total, result.date].join(':'))
        ].join('|')
      );
      required('[data-cert-issued]', certificate).textContent = today('-');
      certificate.hidden = false;
      message.textContent = strings.cert_made;
    }
    if (!done) return;
    root.addEventListener('click', event => {
      const button = event.target.closest('button');
      if (button && button.hasAttribute('data-cert-make')) make();
      if (button && button.hasAttribute('data-cert-print')) window.print();
    });
    input.addEventListener('keydown', event => {
      if (event.key === 'Enter') make();
    });
  }

  function init() {
    findAll(
      '[data-quiz],[data-progress],[data-track-progress],[data-review],[data-certificate]'
    ).forEach(widget => {
      if (initialised.has(widget)) return;
      initialised.add(widget);
      const setUp = widget.hasAttribute('data-quiz')
        ? setUpQuiz
        : widget.hasAttribute('data-review')
          ? setUpReview
          : widget.hasAttribute('data-certificate')
            ? setUpCertificate
            : setUpProgress;
      try {
        setUp(widget);
      } catch (error) {
        console.error('kefu: widget not set up', widget, error);
      }
    });
    const blocks = findAll('[data-unit-nav]');
    if (blocks.length && !initialised.has(blocks[0])) {
      initialised.add(blocks[0]);
      followTrack(blocks);
    }
    try {
      showDue(find('[data-review-url]'));
    } catch (error) {
      console.error('kefu: review badge not set up', error);
    }
  }
  function follow() {
    if (window.document$) window.document$.subscribe(init);
  }
  window.__kefuQuiz = init;
  init();
  if (window.document$) follow();
  else document.addEventListener('DOMContentLoaded', follow);
})();
