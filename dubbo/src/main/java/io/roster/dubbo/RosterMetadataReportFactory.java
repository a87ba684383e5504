package io.roster.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.metadata.report.MetadataReport;
import org.apache.dubbo.metadata.report.support.AbstractMetadataReportFactory;

/** The {@code roster} metadata report extension (interface-to-application mapping, remote MetadataInfo). */
public class RosterMetadataReportFactory extends AbstractMetadataReportFactory {
    @Override
    protected MetadataReport createMetadataReport(URL url) {
        return new RosterMetadataReport(url);
    }
}
