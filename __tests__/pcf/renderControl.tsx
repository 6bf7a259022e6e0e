/** Renders the control through its own init/updateView, as the platform does. */
import * as React from "react";
import { render } from "@testing-library/react";
import type { RenderResult } from "@testing-library/react";
import { ImportMonitor } from "../../ImportMonitor/index";
import { createContext } from "./contextFake";
import type { FakeContext, FakeContextOptions } from "./contextFake";

export interface RenderedControl extends RenderResult {
    control: ImportMonitor;
    context: FakeContext;
    /** Calls updateView with `updated` as updatedProperties and renders what it returns. */
    update(updated?: string[], next?: Partial<FakeContextOptions>): React.ReactElement;
}

export function renderControl(
    dataset: ComponentFramework.PropertyTypes.DataSet,
    options: FakeContextOptions = {},
): RenderedControl {
    const control = new ImportMonitor();
    let context = createContext(dataset, options);
    control.init(context, jest.fn(), {});
    const result = render(control.updateView(context));
    const update = (updated: string[] = ["importFiles"], next: Partial<FakeContextOptions> = {}) => {
        context = createContext(dataset, { ...options, ...next, updated });
        const element = control.updateView(context);
        result.rerender(element);
        return element;
    };
    return {
        ...result,
        control,
        get context() {
            return context;
        },
        update,
    };
}
