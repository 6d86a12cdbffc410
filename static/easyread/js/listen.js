// "Listen" for easy read guides: reads the guide aloud with the browser's own speech.
//
// An enhancement only. The button is not in the page's HTML: this script adds it, and only
// when the browser can speak, so nobody sees a control that does nothing. The guide marks
// what to read with data-listen (the title, summary, each row's words, headings, important
// boxes, hard words and who to contact), in reading order; pictures are left out, since their
// words are already in the rows beside them.
(function () {
    "use strict";

    var LISTEN = "Listen to this guide";
    var STOP = "Stop listening";

    function textToRead(guide) {
        return Array.prototype.map
            .call(guide.querySelectorAll("[data-listen]"), function (element) {
                // innerText, not textContent: it keeps the line breaks of an address as spaces.
                return (element.innerText || element.textContent).replace(/\s+/g, " ").trim();
            })
            .filter(function (text) {
                return text.length > 0;
            });
    }

    function setUp(guide, slot) {
        var speech = window.speechSynthesis;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary easy-read-listen__button";
        button.textContent = LISTEN;
        // Which reading is current: utterances from a reading that was stopped still fire
        // "end" after cancel(), and must not reset the button for the next one.
        var reading = 0;
        var listening = false;

        function showListening(now) {
            listening = now;
            button.textContent = listening ? STOP : LISTEN;
        }

        function stop() {
            reading += 1;
            speech.cancel();
            showListening(false);
        }

        function start() {
            // Only when something is speaking: in Chrome, speak() straight after cancel() can
            // drop the first words.
            if (speech.speaking || speech.pending) {
                speech.cancel();
            }
            reading += 1;
            var thisReading = reading;
            var parts = textToRead(guide);
            // One utterance for each part: some browsers stop a single long one part way.
            parts.forEach(function (text, index) {
                var utterance = new window.SpeechSynthesisUtterance(text);
                utterance.lang = document.documentElement.lang || "en-GB";
                utterance.rate = 0.9;
                // A browser with no voice to speak with fails each utterance: stop, so the
                // button does not say "Stop listening" over silence.
                utterance.addEventListener("error", function () {
                    if (thisReading === reading) {
                        stop();
                    }
                });
                if (index === parts.length - 1) {
                    utterance.addEventListener("end", function () {
                        if (thisReading === reading) {
                            showListening(false);
                        }
                    });
                }
                speech.speak(utterance);
            });
            showListening(parts.length > 0);
        }

        button.addEventListener("click", function () {
            if (listening) {
                stop();
            } else {
                start();
            }
        });
        // Leaving the page stops the reading, so it does not carry on over the next page.
        window.addEventListener("pagehide", function () {
            speech.cancel();
        });
        slot.appendChild(button);
    }

    document.addEventListener("DOMContentLoaded", function () {
        if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) {
            return;
        }
        var guide = document.querySelector("[data-listen-guide]");
        var slot = document.querySelector("[data-listen-slot]");
        if (guide && slot) {
            setUp(guide, slot);
        }
    });
})();
