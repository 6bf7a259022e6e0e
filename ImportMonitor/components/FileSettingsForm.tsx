/**
 * The settings a file being added will be created with: field and data delimiters, header row, target table (a
 * searchable list of importable tables, or a typed logical name where the host can't list them), map (the system
 * map or an active data map that covers the table) and duplicate detection. Every change re-runs the checks.
 */
import * as React from "react";
import { Checkbox, ComboBox, Dropdown, FontIcon, Stack, TextField } from "@fluentui/react";
import type { IComboBoxOption, IDropdownOption } from "@fluentui/react";
import type { FileDraft, FileSettings } from "../domain/addFiles";
import { DataDelimiterCode, FieldDelimiterCode } from "../domain/csv/options";
import type { ImportableTable, ImportMapOption } from "../dataverse/addFilesService";
import type { ListState } from "../hooks/useAddFiles";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface FileSettingsFormProps {
    draft: FileDraft;
    tables: ListState<ImportableTable[] | null>;
    maps: ListState<ImportMapOption[]>;
    onChange: (patch: Partial<FileSettings>) => void;
    disabled?: boolean;
}

const SYSTEM_MAP = "system";
const FIELD_CODES = [FieldDelimiterCode.Comma, FieldDelimiterCode.Semicolon, FieldDelimiterCode.Tab, FieldDelimiterCode.Colon];
const DATA_CODES = [DataDelimiterCode.DoubleQuote, DataDelimiterCode.SingleQuote, DataDelimiterCode.None];

export function FileSettingsForm({ draft, tables, maps, onChange, disabled }: FileSettingsFormProps): React.ReactElement {
    const t = useLocalize();
    const s = draft.settings;
    const renderCaret = React.useCallback(() => <FontIcon iconName={Icons.chevronDown} />, []);
    const fieldOptions = React.useMemo((): IDropdownOption[] => FIELD_CODES.map((code) => ({ key: code, text: t(`Delimiter_${code}`) })), [t]);
    const dataOptions = React.useMemo((): IDropdownOption[] => DATA_CODES.map((code) => ({ key: code, text: t(`DataDelimiter_${code}`) })), [t]);
    const tableOptions = React.useMemo(
        (): IComboBoxOption[] =>
            tables.status === "ready" && tables.value ? tables.value.map((table) => ({ key: table.logicalName, text: `${table.displayName} (${table.logicalName})` })) : [],
        [tables],
    );
    const mapOptions = React.useMemo((): IDropdownOption[] => {
        // Only maps known to cover the table: the file must name the map's own source for it (sourceentityname).
        const usable = maps.status === "ready" ? maps.value.filter((m) => s.targetTable !== "" && s.targetTable in m.targets) : [];
        return [{ key: SYSTEM_MAP, text: t("AddFiles_SystemMap") }, ...usable.map((m) => ({ key: m.id, text: m.name, title: m.description || undefined }))];
    }, [maps, s.targetTable, t]);

    const chooseMap = (key: string) => {
        if (key === SYSTEM_MAP) return onChange({ mapId: null, mapSourceEntity: null });
        const map = maps.status === "ready" ? maps.value.find((m) => m.id === key) : undefined;
        onChange({ mapId: key, mapSourceEntity: map?.targets[s.targetTable] ?? null });
    };

    /** A new table keeps the map only when the map covers it too (with its source name for that table). */
    const changeTable = (table: string) => {
        if (table === s.targetTable) return;
        const map = s.mapId !== null && maps.status === "ready" ? maps.value.find((m) => m.id === s.mapId) : undefined;
        const source = map?.targets[table];
        onChange(source ? { targetTable: table, mapSourceEntity: source } : { targetTable: table, mapId: null, mapSourceEntity: null });
    };
    const commitTable = (value: string) => changeTable(value.trim().toLowerCase());

    let tableField: React.ReactElement;
    if (tables.status === "ready" && tables.value) {
        tableField = (
            <ComboBox
                label={t("AddFiles_Table")}
                required
                allowFreeform={false}
                autoComplete="on"
                options={tableOptions}
                selectedKey={s.targetTable || null}
                placeholder={t("AddFiles_TablePlaceholder")}
                onChange={(_e, option) => option && changeTable(String(option.key))}
                errorMessage={s.targetTable ? undefined : t("AddFiles_TableMissing")}
                disabled={disabled}
                useComboBoxAsMenuWidth
                // The control's own icon: a host's registered name may have no font loaded.
                buttonIconProps={{ iconName: Icons.chevronDown }}
            />
        );
    } else {
        // The host can't list tables (or the list failed): the logical name is typed, and taken when the field is
        // left or Enter is pressed, so the checks (and the table's columns read) don't run on every keystroke.
        tableField = (
            <TextField
                key={draft.key}
                label={t("AddFiles_Table")}
                required
                defaultValue={s.targetTable}
                description={tables.status === "loading" ? t("AddFiles_TablesLoading") : t("AddFiles_TableTyped")}
                onBlur={(e) => commitTable(e.currentTarget.value)}
                onKeyDown={(e) => e.key === "Enter" && commitTable(e.currentTarget.value)}
                errorMessage={s.targetTable ? undefined : t("AddFiles_TableMissing")}
                disabled={disabled}
                spellCheck={false}
            />
        );
    }

    return (
        <Stack tokens={{ childrenGap: 8 }}>
            <Stack horizontal wrap tokens={{ childrenGap: 12 }}>
                <Stack.Item grow styles={{ root: { minWidth: 220 } }}>{tableField}</Stack.Item>
                <Stack.Item grow styles={{ root: { minWidth: 220 } }}>
                    <Dropdown
                        label={t("AddFiles_Map")}
                        options={mapOptions}
                        selectedKey={s.mapId ?? SYSTEM_MAP}
                        onChange={(_e, option) => option && chooseMap(String(option.key))}
                        onRenderCaretDown={renderCaret}
                        disabled={disabled}
                    />
                </Stack.Item>
            </Stack>
            <Stack horizontal wrap tokens={{ childrenGap: 12 }}>
                <Dropdown
                    label={t("AddFiles_FieldDelimiter")}
                    options={fieldOptions}
                    selectedKey={s.fieldDelimiterCode}
                    onChange={(_e, option) => option && onChange({ fieldDelimiterCode: Number(option.key) as FieldDelimiterCode })}
                    onRenderCaretDown={renderCaret}
                    styles={{ root: { minWidth: 160 } }}
                    disabled={disabled}
                />
                <Dropdown
                    label={t("AddFiles_DataDelimiter")}
                    options={dataOptions}
                    selectedKey={s.dataDelimiterCode}
                    onChange={(_e, option) => option && onChange({ dataDelimiterCode: Number(option.key) as DataDelimiterCode })}
                    onRenderCaretDown={renderCaret}
                    styles={{ root: { minWidth: 160 } }}
                    disabled={disabled}
                />
            </Stack>
            <Stack horizontal wrap tokens={{ childrenGap: 16 }}>
                <Checkbox
                    label={t("AddFiles_HeaderRow")}
                    checked={s.isFirstRowHeader}
                    checkmarkIconProps={{ iconName: Icons.check }}
                    onChange={(_e, checked) => onChange({ isFirstRowHeader: checked === true })}
                    disabled={disabled}
                />
                <Checkbox
                    label={t("AddFiles_DuplicateDetection")}
                    checked={s.duplicateDetection}
                    checkmarkIconProps={{ iconName: Icons.check }}
                    onChange={(_e, checked) => onChange({ duplicateDetection: checked === true })}
                    disabled={disabled}
                />
            </Stack>
        </Stack>
    );
}
