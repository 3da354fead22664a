export { SkeletonEventRecordedV1, type SkeletonEventRecorded } from "./skeleton/skeleton-event-recorded.v1";
