// The official JSON shapes (ssm.service-2.json) the fake serves, typed for the members our scenarios use.
// Timestamps are epoch seconds with a fraction, exactly as the awsJson1_1 wire carries them.

/** Epoch seconds, e.g. 1550505538.497. */
export type EpochSeconds = number;

export interface WireTarget {
  Key: string;
  Values: string[];
}

export interface WireAssociationOverview {
  Status?: string;
  DetailedStatus?: string;
  AssociationStatusAggregatedCount?: Record<string, number>;
}

/** DescribeAssociation → AssociationDescription. */
export interface WireAssociationDescription {
  Name: string;
  AssociationId: string;
  InstanceId?: string;
  AssociationVersion?: string;
  Date?: EpochSeconds;
  LastUpdateAssociationDate?: EpochSeconds;
  Status?: { Date: EpochSeconds; Name: string; Message: string; AdditionalInfo?: string };
  Overview?: WireAssociationOverview;
  DocumentVersion?: string;
  AutomationTargetParameterName?: string;
  Parameters?: Record<string, string[]>;
  Targets?: WireTarget[];
  ScheduleExpression?: string;
  OutputLocation?: {
    S3Location?: { OutputS3Region?: string; OutputS3BucketName?: string; OutputS3KeyPrefix?: string };
  };
  LastExecutionDate?: EpochSeconds;
  LastSuccessfulExecutionDate?: EpochSeconds;
  AssociationName?: string;
  MaxErrors?: string;
  MaxConcurrency?: string;
  ComplianceSeverity?: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'UNSPECIFIED';
  SyncCompliance?: 'AUTO' | 'MANUAL';
  ApplyOnlyAtCronInterval?: boolean;
  CalendarNames?: string[];
  TargetLocations?: Record<string, unknown>[];
  ScheduleOffset?: number;
  Duration?: number;
  TargetMaps?: Record<string, string[]>[];
  AssociationDispatchAssumeRole?: string;
}

export interface WireDocumentParameter {
  Name: string;
  Type?: 'String' | 'StringList';
  Description?: string;
  DefaultValue?: string;
}

/** DescribeDocument → Document (one version). */
export interface WireDocumentDescription {
  Name: string;
  DocumentVersion: string;
  Hash?: string;
  HashType?: 'Sha256' | 'Sha1';
  Owner?: string;
  CreatedDate?: EpochSeconds;
  Status?: 'Creating' | 'Active' | 'Updating' | 'Deleting' | 'Failed';
  StatusInformation?: string;
  Description?: string;
  Parameters?: WireDocumentParameter[];
  PlatformTypes?: ('Windows' | 'Linux' | 'MacOS')[];
  DocumentType?: string;
  SchemaVersion?: string;
  LatestVersion?: string;
  DefaultVersion?: string;
  DocumentFormat?: 'YAML' | 'JSON' | 'TEXT';
  TargetType?: string;
  Tags?: { Key: string; Value: string }[];
}

export interface WireAssociationExecution {
  AssociationId: string;
  AssociationVersion?: string;
  ExecutionId: string;
  Status: string;
  DetailedStatus?: string;
  CreatedTime: EpochSeconds;
  LastExecutionDate?: EpochSeconds;
  /** AWS's `{Success=1, Failed=2}` string (not JSON). */
  ResourceCountByStatus?: string;
}

export interface WireAssociationExecutionTarget {
  AssociationId: string;
  AssociationVersion?: string;
  ExecutionId: string;
  ResourceId: string;
  ResourceType?: string;
  Status: string;
  DetailedStatus?: string;
  LastExecutionDate?: EpochSeconds;
  OutputSource?: { OutputSourceId: string; OutputSourceType: string };
}

export interface WireInstanceInformation {
  InstanceId: string;
  PingStatus?: 'Online' | 'ConnectionLost' | 'Inactive';
  LastPingDateTime?: EpochSeconds;
  AgentVersion?: string;
  IsLatestVersion?: boolean;
  PlatformType?: 'Windows' | 'Linux' | 'MacOS';
  PlatformName?: string;
  PlatformVersion?: string;
  ActivationId?: string;
  IamRole?: string;
  RegistrationDate?: EpochSeconds;
  ResourceType?: 'ManagedInstance' | 'EC2Instance';
  Name?: string;
  IPAddress?: string;
  ComputerName?: string;
  AssociationStatus?: string;
  LastAssociationExecutionDate?: EpochSeconds;
  LastSuccessfulAssociationExecutionDate?: EpochSeconds;
  AssociationOverview?: { DetailedStatus?: string; InstanceAssociationStatusAggregatedCount?: Record<string, number> };
  SourceId?: string;
  SourceType?: 'AWS::EC2::Instance' | 'AWS::IoT::Thing' | 'AWS::SSM::ManagedInstance';
}

export interface WireInstanceAssociationStatusInfo {
  AssociationId: string;
  Name?: string;
  DocumentVersion?: string;
  AssociationVersion?: string;
  InstanceId: string;
  ExecutionDate?: EpochSeconds;
  Status?: string;
  DetailedStatus?: string;
  ExecutionSummary?: string;
  ErrorCode?: string;
  OutputUrl?: { S3OutputUrl?: { OutputUrl?: string } };
  AssociationName?: string;
}

export interface WireServiceSetting {
  SettingId: string;
  SettingValue?: string;
  LastModifiedDate?: EpochSeconds;
  LastModifiedUser?: string;
  ARN?: string;
  Status?: string;
}

export interface WireFailureDetails {
  FailureStage?: string;
  FailureType?: string;
  Details?: Record<string, string[]>;
}

export interface WireStepExecution {
  StepName: string;
  Action?: string;
  TimeoutSeconds?: number;
  OnFailure?: string;
  MaxAttempts?: number;
  ExecutionStartTime?: EpochSeconds;
  ExecutionEndTime?: EpochSeconds;
  StepStatus?: string;
  ResponseCode?: string;
  Inputs?: Record<string, string>;
  Outputs?: Record<string, string[]>;
  Response?: string;
  FailureMessage?: string;
  FailureDetails?: WireFailureDetails;
  StepExecutionId?: string;
  OverriddenParameters?: Record<string, string[]>;
  IsEnd?: boolean;
  IsCritical?: boolean;
}

export interface WireAutomationExecution {
  AutomationExecutionId: string;
  DocumentName?: string;
  DocumentVersion?: string;
  ExecutionStartTime?: EpochSeconds;
  ExecutionEndTime?: EpochSeconds;
  AutomationExecutionStatus?: string;
  StepExecutions?: WireStepExecution[];
  StepExecutionsTruncated?: boolean;
  Parameters?: Record<string, string[]>;
  Outputs?: Record<string, string[]>;
  FailureMessage?: string;
  Mode?: 'Auto' | 'Interactive';
  ExecutedBy?: string;
  CurrentStepName?: string;
  CurrentAction?: string;
  TargetParameterName?: string;
  Targets?: WireTarget[];
  ResolvedTargets?: { ParameterValues?: string[]; Truncated?: boolean };
  MaxConcurrency?: string;
  MaxErrors?: string;
  AssociationId?: string;
}
