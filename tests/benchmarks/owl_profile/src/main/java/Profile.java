import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/** The OWL API's OWL 2 DL profile check of one Turtle document: the violations, by kind. */
public class Profile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getOntologyConfigurator()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        Map<String, Integer> kinds = new TreeMap<>();
        for (OWLProfileViolation v : report.getViolations()) {
            kinds.merge(v.getClass().getSimpleName(), 1, Integer::sum);
        }
        System.out.println(args[0] + ": " + ontology.getAxiomCount() + " axioms, "
            + report.getViolations().size() + " OWL 2 DL violations " + kinds);
    }
}
