export {
  PeakshopEnvironment,
  StartedPeakshopEnvironment,
  NO_BANK_FAULTS,
  type BankFaults,
  type PeakshopEnvironmentOptions,
} from "./peakshop-environment";
export { imagesOf, SERVICES, type ImageOptions, type PeakshopImages, type PeakshopService } from "./images";
export { buildServiceImage, type BuildOptions } from "./build-images";
