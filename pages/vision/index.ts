export {
  OPERATION_LABELS,
  PARAMETER_LABELS,
  VisionUploadPage,
  type UploadFile,
  type VisionOperation,
  type VisionParameter,
} from './upload-page.ts';
