/**
 * Keyboard-only navigation as a user does it with Fluent: Tab moves between tab stops; a toolbar
 * (role="toolbar") and the file grid are one tab stop each, inside which the arrow keys move (Down/Up
 * between rows, Right/Left between the controls of a row).
 */

async function focused(page) {
    return page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { label: "", inToolbar: false, row: null };
        const row = el.closest('[role="row"]');
        return {
            label: el.getAttribute("aria-label") ?? (el.textContent ?? "").trim(),
            inToolbar: Boolean(el.closest('[role="toolbar"]')),
            row: row && row.closest('[role="grid"]') ? (row.textContent ?? "") : null,
        };
    });
}

function matches(label, name) {
    return typeof name === "string" ? label === name : name.test(label);
}

/**
 * Moves the focus to the control named `name` (its aria-label, else its text) with Tab and arrow keys only.
 * `rowText`: the grid row it is in (e.g. "contacts.csv"). Returns the number of key presses.
 */
export async function keyboardTo(page, name, { rowText, maxTabs = 40 } = {}) {
    let presses = 0;
    const press = async (key) => {
        presses++;
        await page.keyboard.press(key);
        return focused(page);
    };
    for (let tab = 0; tab < maxTabs; tab++) {
        let f = await press("Tab");
        if (matches(f.label, name)) return presses;
        if (f.inToolbar && !rowText) {
            // A toolbar: walk its items once.
            const first = f.label;
            for (let i = 0; i < 12; i++) {
                f = await press("ArrowRight");
                if (matches(f.label, name)) return presses;
                if (f.label === first) break;
            }
        }
        if (f.row !== null && rowText) {
            // The grid: find the row, then the control in it.
            for (let i = 0; i < 60 && !(f.row ?? "").includes(rowText); i++) f = await press("ArrowDown");
            for (let i = 0; i < 60 && !(f.row ?? "").includes(rowText); i++) f = await press("ArrowUp");
            if (!(f.row ?? "").includes(rowText)) throw new Error(`No grid row with "${rowText}" reachable with the arrow keys`);
            for (let i = 0; i < 12; i++) {
                if (matches(f.label, name)) return presses;
                f = await press("ArrowRight");
            }
            throw new Error(`"${String(name)}" is not reachable with ArrowRight in the row of ${rowText}`);
        }
    }
    throw new Error(`"${String(name)}" was not reached with ${maxTabs} presses of Tab`);
}

/**
 * Puts the keyboard back at the start of the page: the next Tab goes to its first focusable element.
 * (Focusing <body> does not move focus in current Chromium: body is not focusable, so focus stayed where
 * it was, e.g. on the button a closed panel gave focus back to.)
 */
export async function focusStart(page) {
    await page.evaluate(() => {
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    });
}
