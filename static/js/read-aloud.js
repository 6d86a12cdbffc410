// "Listen": reads the page aloud with the browser's own speech, a part at a time, with the
// part being read highlighted, pause and resume, and a choice of speed.
//
// An enhancement only. The control (templates/includes/read_aloud.html) is in the page but
// hidden, and this script shows it only when the browser has speech at all, so nobody sees a
// button that cannot work. A browser with speech but no voice to speak with says so when
// asked to read, instead of staying silent.
//
// What is read, in reading order: the parts a page marks with data-listen, if it marks any
// (an easy read guide leaves out its pictures, whose words are in the rows beside them);
// otherwise each heading, paragraph, list item, table row and summary row of the main
// content, leaving out forms and navigation. Each part is its own utterance: some browsers
// stop a long one part way, and it tells us which part to highlight.
(function () {
    "use strict";

    var PARTS = [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dl > div", "dt", "dd", "tr",
        "blockquote", "figcaption", "caption", "address", "pre",
    ].join(", ");
    var NOT_READ = "form, nav, [data-read-aloud], [aria-hidden='true']";
    var BEING_READ = "read-aloud-current";
    var LABELS = { reading: "Pause", paused: "Resume" };
    // Chrome loads its voices after the page: how long to wait for them when asked to read.
    var WAIT_FOR_VOICES_MS = 1500;
    var RATE_KEY = "boardhub-read-aloud-rate";

    function clean(text) {
        return (text || "").replace(/\s+/g, " ").trim();
    }

    // innerText, not textContent: it keeps the line breaks of an address as spaces.
    function textOf(element) {
        var pieces = null;
        if (element.matches("tr")) {
            pieces = element.children; // "Agreed, 3 May 2026, Home care"
        } else if (element.matches("dl > div")) {
            pieces = element.querySelectorAll("dt, dd"); // "Status: Done"
        }
        if (!pieces) {
            return clean(element.innerText || element.textContent);
        }
        var texts = Array.prototype.map.call(pieces, function (piece) {
            return clean(piece.innerText || piece.textContent);
        });
        var joiner = element.matches("tr") ? ", " : ": ";
        return texts.filter(Boolean).join(joiner);
    }

    function isShown(element) {
        // Nothing inside a closed <details>, nothing hidden.
        return element.getClientRects().length > 0;
    }

    function partsOf(region) {
        var elements = Array.prototype.slice.call(region.querySelectorAll("[data-listen]"));
        if (!elements.length) {
            elements = Array.prototype.filter.call(region.querySelectorAll(PARTS), function (element) {
                var outer = element.parentElement && element.parentElement.closest(PARTS);
                // A list item's paragraphs are read with the item, once.
                return !element.closest(NOT_READ) && !(outer && region.contains(outer));
            });
        }
        return elements
            .filter(isShown)
            .map(function (element) {
                return { element: element, text: textOf(element) };
            })
            .filter(function (part) {
                return part.text.length > 0;
            });
    }

    function savedRate() {
        try {
            return window.localStorage.getItem(RATE_KEY);
        } catch (error) {
            return null; // storage turned off: the speed lasts for this page only
        }
    }

    function saveRate(rate) {
        try {
            window.localStorage.setItem(RATE_KEY, rate);
        } catch (error) {
            // As above.
        }
    }

    function setUp(control, region) {
        var speech = window.speechSynthesis;
        var controls = control.querySelector("[data-read-aloud-controls]");
        var play = control.querySelector("[data-read-aloud-play]");
        var stopButton = control.querySelector("[data-read-aloud-stop]");
        var status = control.querySelector("[data-read-aloud-status]");
        var noVoice = control.querySelector("[data-read-aloud-no-voice]");
        var speeds = Array.prototype.slice.call(control.querySelectorAll("[data-read-aloud-rate]"));
        var listenLabel = play.textContent;
        // "idle", "waiting" (for the browser's voices), "reading" or "paused".
        var state = "idle";
        var parts = [];
        var index = 0;
        // The utterance being spoken. Utterances that were cancelled still fire "end" or
        // "error" afterwards, and must not move the reading on.
        var current = null;
        var rate; // set by chooseSpeed below

        function show(newState, message) {
            state = newState;
            play.textContent = LABELS[state] || listenLabel;
            stopButton.hidden = !(state in LABELS);
            if (message !== undefined) {
                status.textContent = message;
            }
        }

        function highlight(part) {
            region.querySelectorAll("." + BEING_READ).forEach(function (element) {
                element.classList.remove(BEING_READ);
            });
            if (!part) {
                return;
            }
            part.element.classList.add(BEING_READ);
            var box = part.element.getBoundingClientRect();
            if (box.top < 0 || box.bottom > window.innerHeight) {
                part.element.scrollIntoView({ block: "nearest" });
            }
        }

        function silence() {
            // Only when something is speaking: in Chrome, speak() straight after cancel() can
            // drop the first words.
            var speaking = current !== null || speech.speaking || speech.pending;
            current = null;
            if (speaking) {
                speech.cancel();
            }
            // Chrome stays paused after cancel(), and would say nothing more.
            if (speech.paused) {
                speech.resume();
            }
        }

        function speakCurrent() {
            var part = parts[index];
            var utterance = new window.SpeechSynthesisUtterance(part.text);
            utterance.lang = document.documentElement.lang || "en-GB";
            utterance.rate = rate;
            utterance.addEventListener("end", function () {
                if (utterance !== current) {
                    return;
                }
                index += 1;
                if (index < parts.length) {
                    speakCurrent();
                } else {
                    current = null;
                    highlight(null);
                    show("idle", "Finished reading.");
                }
            });
            utterance.addEventListener("error", function (event) {
                // "interrupted" and "canceled" are ours: a stop, or a change of speed.
                if (utterance === current && event.error !== "interrupted" && event.error !== "canceled") {
                    cannotSpeak();
                }
            });
            current = utterance;
            highlight(part);
            speech.speak(utterance);
        }

        function start() {
            parts = partsOf(region);
            if (!parts.length) {
                return;
            }
            index = 0;
            silence();
            show("reading", "Reading aloud.");
            speakCurrent();
        }

        function pause() {
            speech.pause();
            show("paused", "Paused.");
        }

        function resume() {
            show("reading", "Reading aloud.");
            if (current) {
                speech.resume();
            } else {
                speakCurrent(); // the speed changed while paused: the part starts again
            }
        }

        function stop() {
            silence();
            highlight(null);
            show("idle", "Stopped.");
            play.focus(); // the Stop button has gone
        }

        function cannotSpeak() {
            silence();
            highlight(null);
            show("idle", "");
            controls.hidden = true;
            noVoice.hidden = false;
            noVoice.focus();
        }

        // Calls `then(hasVoice)` once the browser has said which voices it has.
        function whenVoicesKnown(then) {
            if (speech.getVoices().length) {
                then(true);
                return;
            }
            show("waiting");
            var answered = false;
            function answer() {
                if (answered) {
                    return;
                }
                answered = true;
                speech.removeEventListener("voiceschanged", answer);
                then(speech.getVoices().length > 0);
            }
            speech.addEventListener("voiceschanged", answer);
            window.setTimeout(answer, WAIT_FOR_VOICES_MS);
        }

        function chooseSpeed(button, announce) {
            rate = parseFloat(button.getAttribute("data-read-aloud-rate"));
            speeds.forEach(function (speed) {
                speed.setAttribute("aria-pressed", speed === button ? "true" : "false");
            });
            if (!announce) {
                return;
            }
            saveRate(button.getAttribute("data-read-aloud-rate"));
            status.textContent = "Speed: " + button.textContent.toLowerCase() + ".";
            // A part keeps the speed it started with: say the part again at the new speed.
            if (state === "reading") {
                silence();
                speakCurrent();
            } else if (state === "paused") {
                silence();
            }
        }

        play.addEventListener("click", function () {
            if (state === "reading") {
                pause();
            } else if (state === "paused") {
                resume();
            } else if (state === "idle") {
                whenVoicesKnown(function (hasVoice) {
                    if (hasVoice) {
                        start();
                    } else {
                        cannotSpeak();
                    }
                });
            }
        });
        stopButton.addEventListener("click", stop);
        speeds.forEach(function (button) {
            button.addEventListener("click", function () {
                chooseSpeed(button, true);
            });
        });
        // The speed chosen on an earlier page, or the one the template marks as pressed.
        var saved = savedRate();
        chooseSpeed(
            speeds.filter(function (button) {
                return button.getAttribute("data-read-aloud-rate") === saved;
            })[0] ||
                speeds.filter(function (button) {
                    return button.getAttribute("aria-pressed") === "true";
                })[0],
            false
        );
        // Leaving the page stops the reading, so it does not carry on over the next page.
        window.addEventListener("pagehide", silence);
        speech.getVoices(); // Chrome starts loading its voices when first asked
    }

    function place(control, region) {
        var slot = region.querySelector("[data-listen-slot]");
        var heading = region.querySelector("h1");
        if (slot) {
            slot.appendChild(control);
        } else if (heading) {
            heading.insertAdjacentElement("afterend", control);
        } else {
            region.insertBefore(control, region.firstChild);
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        var control = document.querySelector("[data-read-aloud]");
        var region = document.querySelector("main");
        if (!control || !region || !window.speechSynthesis || !window.SpeechSynthesisUtterance) {
            return;
        }
        place(control, region);
        setUp(control, region);
        control.hidden = false;
    });
})();
