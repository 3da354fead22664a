export {
  PeakshopEnvironment,
  StartedPeakshopEnvironment,
  type PeakshopEnvironmentOptions,
} from "./peakshop-environment";
export { NO_BANK_FAULTS, putBankFaults, type BankFaults } from "./bank-faults";
export { imagesOf, SERVICES, type ImageOptions, type PeakshopImages, type PeakshopService } from "./images";
export { buildServiceImage, type BuildOptions } from "./build-images";
