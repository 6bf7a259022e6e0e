/*
*This is auto generated from the ControlManifest.Input.xml file
*/

// Define IInputs and IOutputs Type. They should match with ControlManifest.
export interface IInputs {
    unused: ComponentFramework.PropertyTypes.StringProperty;
    importFiles: ComponentFramework.PropertyTypes.DataSet;
}
export interface IOutputs {
    unused?: string;
}
