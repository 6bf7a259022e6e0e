/** Renders the control through its own init/updateView, as the platform does. */
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { RenderResult } from "@testing-library/react";
import { ImportMonitor } from "../../ImportMonitor/index";
import { createContext, updatedProperties } from "./contextFake";
import type { FakeContext, FakeContextOptions, FakeDataset } from "./contextFake";

export interface RenderedControl extends RenderResult {
    control: ImportMonitor;
    context: FakeContext;
    /**
     * Calls updateView with `updated` as updatedProperties (default: the profile's for a dataset change) and
     * renders what it returns.
     */
    update(updated?: string[], next?: Partial<FakeContextOptions>): React.ReactElement;
}

export function renderControl(
    dataset: ComponentFramework.PropertyTypes.DataSet,
    options: FakeContextOptions = {},
): RenderedControl {
    const control = new ImportMonitor();
    // init, then the first population with no updatedProperties (model-driven apps; docs/platform-contract.md).
    let context = createContext(dataset, { ...options, updated: updatedProperties("first") });
    control.init(context, jest.fn(), {});
    const result = render(control.updateView(context));
    const update = (updated: string[] = updatedProperties("dataset"), next: Partial<FakeContextOptions> = {}) => {
        context = createContext(dataset, { ...options, ...next, updated });
        const element = control.updateView(context);
        result.rerender(element);
        return element;
    };
    const fake = dataset as Partial<FakeDataset>;
    // A load the control asked for ends in an updateView, as the platform's does.
    if ("onLoaded" in fake && !fake.onLoaded) {
        fake.onLoaded = () => {
            act(() => {
                update();
            });
        };
    }
    return {
        ...result,
        control,
        get context() {
            return context;
        },
        update,
    };
}
